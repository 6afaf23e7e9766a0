import HomewardDomain
import HomewardInput
import HomewardModel

/// The move cost that keeps a week's transfers within a limit: a price that
/// moves gently from week to week, so that most weeks need one solve.
///
/// The weekly simulation meets its limit on transfers by pricing them
/// (a Lagrangian move cost) rather than by a side constraint, so that every
/// solve stays a pure network that can start from the last one. This type is
/// the search for that price, apart from the solving: it says which move cost
/// to try, is told how many transfers the solve at that cost gave, and says
/// what to try next. It knows nothing of networks, so its rules can be tested
/// against any made-up response of transfers to cost.
///
/// Within a week (``Search``): if the first cost gives too many transfers,
/// go back to last week's cost (or, if the week started there, double it);
/// if that is not enough, straight to the ceiling. The transfers left at the
/// ceiling are a floor that no move cost short of leaving people unplaced
/// goes below. Once a cost meets the limit after a higher one was needed at
/// the ceiling, or after more than two solves, the gap between the highest
/// cost that failed and the lowest that met the limit is halved
/// (geometrically) until it is within a factor of two, in at most eight
/// solves in all.
///
/// From week to week (``opening``): after a week whose cost had to be raised,
/// start at last week's cost; after a week at the floor, at an eighth of it;
/// otherwise at 70% of it, so that the cost comes down while transfers stay
/// within the limit. Transfers jump as the cost crosses a narrow band, so a
/// lower cost that failed is likely to fail again the week after. So when
/// a week that started lower than last week's cost fails at that start, the
/// cost is held at last week's for a number of weeks before it tries lower
/// again: one week after the first such failure, then two, four and at most
/// eight after failures in a row; a lower start that meets the limit sets
/// the hold back to one week. Each failed start costs a solve.
public struct TransferPrice: Sendable {
    /// The lowest cost: the policy's move cost.
    public let base: Double
    /// The highest cost: half the cost of leaving someone unplaced.
    public let ceiling: Double
    /// Transfers allowed a week (nil: no limit, and one solve a week at the base cost).
    public let limit: Int?
    /// The most weeks the cost is held after lower starts failed in a row.
    public static let longestHold = 8

    /// Last week's cost, whether it had to be raised, and whether it was a floor week.
    private var last: (cost: Double, pressed: Bool, atFloor: Bool)?
    /// Weeks still to start at last week's cost before trying lower (a week after a pressed one starts there anyway).
    private var hold = 0
    /// The hold after the next failed lower start.
    private var backoff = 1

    public init(base: Double, ceiling: Double, limit: Int?) {
        self.base = base
        self.ceiling = max(base, ceiling)
        self.limit = limit
    }

    /// The cost the week's first solve uses.
    public var opening: Double {
        guard let last else { return base }
        if last.atFloor { return max(base, last.cost / 8) }
        if last.pressed || hold > 0 { return last.cost }
        return max(base, (last.cost * 0.7).rounded())
    }

    /// One week's search, from ``opening``.
    public func search() -> Search {
        Search(start: opening, lastCost: last?.cost ?? base, ceiling: ceiling, limit: limit)
    }

    /// Closes a week: `search` as it ended, and the week's transfers.
    /// - Parameters:
    ///   - transfers: the transfers of the plan the week kept.
    ///   - mustMove: people the rules moved whatever the limit.
    public mutating func close(_ search: Search, transfers: Int, mustMove: Int) {
        let lowered = last != nil && search.start < search.lastCost
        let atFloor = search.cost >= ceiling && transfers > max(limit ?? .max, mustMove)
        if hold > 0 { hold -= 1 }  // this week started at last week's cost, held
        if lowered && !atFloor {
            if search.startFailed {
                hold = backoff
                backoff = min(2 * backoff, Self.longestHold)
            } else {
                backoff = 1
            }
        }
        last = (search.cost, search.pressed, atFloor)
    }

    /// The search for one week's cost.
    public struct Search: Sendable, Equatable {
        /// The first cost tried.
        public let start: Double
        /// Last week's cost (the base cost in the first week).
        public let lastCost: Double
        let ceiling: Double
        let limit: Int?
        /// The cost to try next, or (once ``done``) the cost the week keeps.
        public private(set) var cost: Double
        /// Solves so far.
        public private(set) var solves = 0
        /// The lowest cost that met the limit, and the highest that did not.
        public private(set) var fitting: Double?
        public private(set) var tooLow: Double?
        /// Whether the first solve gave too many transfers.
        public private(set) var startFailed = false
        /// Whether the search is over.
        public private(set) var done = false

        init(start: Double, lastCost: Double, ceiling: Double, limit: Int?) {
            self.start = start
            self.lastCost = lastCost
            self.ceiling = ceiling
            self.limit = limit
            cost = start
        }

        /// Whether the cost had to be raised above the first one tried.
        public var pressed: Bool { tooLow != nil }

        /// Records the solve at ``cost``, which gave `transfers`.
        /// - Parameter mustMove: people the rules move whatever the limit (a limit below them counts as them).
        /// - Returns: whether that solve met the limit (then its plan is the week's, unless a later one also meets it).
        @discardableResult
        public mutating func record(transfers: Int, mustMove: Int) -> Bool {
            precondition(!done, "the search is over")
            solves += 1
            guard let limit else {
                done = true
                return true
            }
            let fits = transfers <= max(limit, mustMove)
            if fits { fitting = cost } else { tooLow = cost }
            if solves == 1 { startFailed = !fits }
            if let fit = fitting {
                // Met: done, unless a search between a failing and a fitting cost can still halve the gap.
                guard let low = tooLow, fit > 2 * low, fit >= ceiling || solves > 2, solves < 8 else {
                    cost = fit
                    done = true
                    return fits
                }
                cost = (low * fit).squareRoot().rounded()
            } else if cost >= ceiling || solves >= 8 {
                done = true  // the floor: no move cost short of leaving people unplaced brings transfers lower
            } else if solves > 1 {
                cost = ceiling
            } else if start < lastCost {
                cost = min(lastCost, ceiling)
            } else {
                cost = min(cost * 2 + 50, ceiling)
            }
            return fits
        }
    }
}
