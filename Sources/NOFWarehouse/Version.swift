/// nofdb's version, recorded in the load log.
public enum NofdbVersion {
    public static let current = "0.1.0"
}
