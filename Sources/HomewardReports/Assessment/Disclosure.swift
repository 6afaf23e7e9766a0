import HomewardCore

/// Disclosure control for published tables: counts of 1 to `threshold - 1`
/// people are suppressed, and so is any figure computed from fewer people
/// than `threshold` (a mean of two distances reveals them). Zero is shown: it
/// says nobody, which identifies nobody.
public struct Disclosure: Sendable, Equatable {
    /// Counts below this (and above zero) are suppressed. Default 5.
    public let threshold: Int

    public init(threshold: Int = 5) {
        self.threshold = max(1, threshold)
    }

    /// A published count.
    public enum Count: Sendable, Equatable {
        case shown(Int)
        /// Fewer than the threshold: shown as "<5".
        case suppressed
        /// Not small, but hidden so that a total cannot reveal a suppressed count: shown as "[c]".
        case hidden

        public var value: Int? {
            if case let .shown(n) = self { return n }
            return nil
        }
    }

    /// `n`, or suppressed if it is small.
    public func count(_ n: Int) -> Count {
        n > 0 && n < threshold ? .suppressed : .shown(n)
    }

    /// Whether a statistic over `people` people may be published.
    public func allows(people: Int) -> Bool {
        people >= threshold
    }

    /// Counts of disjoint groups that add up to a published total: small
    /// counts are suppressed, and where that leaves a single suppressed cell
    /// (which the total would reveal by subtraction) the next smallest cell is
    /// suppressed too.
    public func table(_ counts: [Int]) -> [Count] {
        var cells = counts.map(count)
        let suppressed = cells.indices.filter { cells[$0] == .suppressed }
        if suppressed.count == 1 {
            let candidates = cells.indices.filter { cells[$0] != .suppressed && counts[$0] > 0 }
            if let next = candidates.min(by: { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 < $1 }) {
                cells[next] = .hidden
            }
        }
        return cells
    }

    /// "fewer than 5", for prose.
    public var phrase: String { "fewer than \(threshold)" }
    /// "<5", for tables.
    public var mark: String { "<\(threshold)" }
    /// "[c]", for a count hidden by secondary suppression.
    public static let hiddenMark = "[c]"

    /// Text for a count in a table.
    public func text(_ count: Count) -> String {
        switch count {
        case let .shown(n): return Format.grouped(n)
        case .suppressed: return mark
        case .hidden: return Disclosure.hiddenMark
        }
    }
}
