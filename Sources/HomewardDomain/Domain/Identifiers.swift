/// An establishment's NOMIS agency code, e.g. `BWI` for Berwyn.
public struct PrisonCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: PrisonCode, rhs: PrisonCode) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// A prisoner's identifier in the population file. Never shown in published reports.
public struct PersonID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: PersonID, rhs: PersonID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// An ONS local authority district code (May 2024 boundaries), e.g. `W06000015` (Cardiff).
public struct LADCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: LADCode, rhs: LADCode) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}
