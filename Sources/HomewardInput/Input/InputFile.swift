/// A file that a result was computed from, fingerprinted.
public struct InputFile: Sendable, Equatable, Codable {
    /// What it is: `estate`, `geography`, `population`, `policy`, `calibration`, `scenario`.
    public var role: String
    /// The path as the user gave it (or a description, for built-in and generated inputs).
    public var path: String
    public var sha256: String

    public init(role: String, path: String, sha256: String) {
        self.role = role
        self.path = path
        self.sha256 = sha256
    }
}
