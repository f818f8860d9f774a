import NOFPostgres

/// A parameter a canned report's SQL may use as `:name`: its SQL type, the command-line
/// option that sets it (none for values the runner derives), and how the report's header
/// shows it. A report file declares the ones it uses (`-- param: period date`); the runner
/// binds them by name with these types.
public enum ReportParameter: String, CaseIterable, Sendable {
    /// The report's month, or the first month of its quarter (`--period`, or the `latest` rule).
    case period
    /// `month` or `quarter`: the grain of `period`.
    case periodType = "period_type"
    /// The period before `period` (a month or a quarter earlier).
    case previous
    /// Twelve months before `period`: where a 13-month trend starts.
    case trendStart = "trend_start"
    case league
    case peerGroup = "peer_group"
    case domain
    /// An organisation code (`--org`, or the positional ORG of reports that need one).
    case org
    case region
    case icb
    case merged
    case limit
    case load
    case dataset
    /// An organisation to mark in the report's tables and charts (`--highlight`): not bound
    /// into the SQL; a report takes it when its header names the column of organisation codes
    /// (`-- highlight: org_code`).
    case highlight

    /// The SQL type the parameter is bound with (and must be declared with).
    public var type: PostgresDataType {
        switch self {
        case .period, .previous, .trendStart: return .date
        case .limit, .load: return .int8
        case .merged: return .bool
        case .periodType, .league, .peerGroup, .domain, .org, .region, .icb, .dataset, .highlight: return .text
        }
    }

    /// The option that sets it, e.g. `--peer-group`; nil for the ones the runner derives.
    public var option: String? {
        switch self {
        case .periodType, .previous, .trendStart: return nil
        default: return "--" + rawValue.replacingOccurrences(of: "_", with: "-")
        }
    }

    /// The label of the value in a report's header (its "parameters"), in the order of
    /// `displayOrder`; nil for those not shown there.
    var label: String? {
        switch self {
        case .league: return "league"
        case .peerGroup: return "peer group"
        case .domain: return "domain"
        case .icb: return "icb"
        case .merged: return "merged"
        case .limit: return "limit"
        case .load: return "load"
        case .dataset: return "dataset"
        default: return nil
        }
    }

    /// The order parameters appear in a report's header, after its period, organisation and region.
    static let displayOrder: [ReportParameter] = [.league, .peerGroup, .domain, .icb, .merged, .limit, .load, .dataset]
}

/// One `-- param:` line of a report file: `-- param: NAME TYPE [= DEFAULT] [required]`.
public struct ParameterDeclaration: Sendable, Equatable {
    public let parameter: ReportParameter
    public let type: PostgresDataType
    /// Used when the option is not given (e.g. `peer_group text = acute`).
    public let defaultValue: String?
    /// The report cannot run without it (the trust report's organisation, given as ORG).
    public let required: Bool

    /// Parses the text after `-- param:`; throws a message naming what is wrong.
    static func parse(_ text: String) throws(ReportDefinitionError) -> ParameterDeclaration {
        var words = text.split(separator: " ").map(String.init)
        let required = words.last == "required"
        if required { words.removeLast() }
        var defaultValue: String?
        if let equals = words.firstIndex(of: "="), equals + 1 < words.count {
            defaultValue = words[(equals + 1)...].joined(separator: " ")
            words.removeSubrange(equals...)
        }
        guard words.count == 2 else { throw ReportDefinitionError("-- param: \(text): expected NAME TYPE [= DEFAULT] [required]") }
        guard let parameter = ReportParameter(rawValue: words[0]), parameter != .highlight else {
            throw ReportDefinitionError("-- param: \(words[0]) is not a report parameter; known: \(ReportParameter.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard words[1] == parameter.type.name else {
            throw ReportDefinitionError("-- param: \(parameter.rawValue) is \(parameter.type.name), not \(words[1])")
        }
        return ParameterDeclaration(parameter: parameter, type: parameter.type, defaultValue: defaultValue, required: required)
    }
}

/// A report file that does not follow the header rules (a defect in the SQL tree).
public struct ReportDefinitionError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
