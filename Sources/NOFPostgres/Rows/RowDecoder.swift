/// Decodes one row into a `Decodable` struct: each coding key names a column, in snake_case
/// (`periodLabel` reads `period_label`). A missing column throws even for an Optional property,
/// so a renamed view column can never turn into a silent nil.
struct RowDecoder: Decoder {
    let row: Row
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, .init(codingPath: [], debugDescription: "a row decodes into a struct with one property per column"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(
            Any.self, .init(codingPath: [], debugDescription: "a row decodes into a struct with one property per column"))
    }

    /// `periodLabel` → `period_label`; names already in snake_case stay as they are.
    static func columnName(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase {
                if !out.isEmpty { out += "_" }
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: Row
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { row.result.columnNames.compactMap { Key(stringValue: $0) } }

        // Every key "exists": a missing column must throw in `decodeNil`, not make
        // `decodeIfPresent` return nil.
        func contains(_ key: Key) -> Bool { true }

        private func column(_ key: Key) -> String { RowDecoder.columnName(key.stringValue) }

        func decodeNil(forKey key: Key) throws -> Bool {
            let name = column(key)
            guard let c = row.result.columnIndex(name) else {
                throw PostgresDecodingError(column: name, swiftType: "Optional", sqlType: nil,
                                            problem: .missingColumn(available: row.result.columnNames))
            }
            return row.result.isNull(row: row.index, column: c)
        }

        private func value<T: PostgresDecodable>(_ type: T.Type, _ key: Key) throws -> T {
            try row.decode(column(key), as: T.self)
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(type, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(type, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(type, key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(type, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(type, key) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if let decodable = type as? any PostgresDecodable.Type {
                return try Self.open(decodable, row: row, column: column(key), as: type)
            }
            throw PostgresDecodingError(column: column(key), swiftType: "\(T.self)", sqlType: nil, problem: .typeMismatch)
        }

        private static func open<T>(_ decodable: any PostgresDecodable.Type, row: Row, column: String, as: T.Type) throws -> T {
            func read<D: PostgresDecodable>(_ d: D.Type) throws -> T {
                let value = try row.decode(column, as: D.self)
                guard let typed = value as? T else {
                    throw PostgresDecodingError(column: column, swiftType: "\(T.self)", sqlType: nil, problem: .typeMismatch)
                }
                return typed
            }
            return try read(decodable)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw PostgresDecodingError(column: column(key), swiftType: "a nested struct", sqlType: nil, problem: .typeMismatch)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw PostgresDecodingError(column: column(key), swiftType: "a nested array", sqlType: nil, problem: .typeMismatch)
        }
        func superDecoder() throws -> any Decoder { RowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row) }
    }
}
