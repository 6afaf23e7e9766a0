import HomewardDomain
import HomewardInput
import HomewardModel

/// The figures a population management unit reads a plan by (issue #21):
/// churn near release, room left at reception prisons for the courts, who is
/// held there, open categories in closed conditions, and people held outside
/// their home region. Each is computed from the plan and the population
/// alone, so that plans made under different policies can be compared.
public struct ManagementFigures: Sendable, Equatable {
    /// The days-left threshold of ``transfersNearRelease`` (the 2018 update's 28 days).
    public static let nearReleaseDays = 28

    /// Transfers of people with a known release date fewer than 28 days away.
    public var transfersNearRelease: Int
    /// Of those, transfers the person could not avoid (their current establishment cannot hold them).
    public var transfersNearReleaseForced: Int
    /// Usable places at reception prisons that the plan leaves empty.
    public var receptionFreePlaces: Int
    /// Usable places at reception prisons.
    public var receptionUsablePlaces: Int
    /// Places the reception prisons keep for next week's arrivals (the policy's reserve).
    public var receptionReservePlaces: Int
    /// Sentenced people transferred into a reception prison, by stage (every stage listed, in order).
    public var sentencedMovedIntoReception: [StageCount]

    /// People of one stage.
    public struct StageCount: Sendable, Equatable {
        public var stage: Stage
        public var people: Int
    }
    /// Of ``sentencedMovedIntoReception``, those moved into a prison none of whose functions suits their stage
    /// (many reception prisons are also training or resettlement prisons in the 2023 register).
    public var sentencedMovedIntoUnsuitedReception: Int
    /// People in the training stage held at a reception prison after the plan.
    public var trainingStageInReception: Int
    /// Of those, people held at a reception prison that is not also a training prison.
    public var trainingStageInReceptionOnly: Int
    /// People in an open category (Category D men, open women) held in closed conditions: before (as is) and after.
    public var openCategoryInClosedBefore: Int
    public var openCategoryInClosedAfter: Int
    /// People in an open category after the plan (placed).
    public var openCategoryPlaced: Int
    /// People held outside their home region after the plan.
    public var outOfRegion: Int
    /// Of those, people for whom an establishment in their home region has a lawful free place in the plan.
    public var outOfRegionRepatriable: Int
    /// People held outside their home region now who are moved into it.
    public var repatriated: Int
    /// People held outside their home region now.
    public var outOfRegionBefore: Int

    /// The figures of `allocation`.
    public init(allocation: Allocation) {
        let f = allocation.formulation
        let estate = f.cost.estate.establishments
        let policy = f.cost.policy
        let geography = f.cost.geography
        let current = f.currentEstablishments
        let reception = estate.map { $0.functions.contains(.reception) && $0.isAvailable }
        var nearRelease = 0, forced = 0, training = 0, closedBefore = 0, closedAfter = 0, openPlaced = 0
        var moved = [Int](repeating: 0, count: Stage.allCases.count)
        var outside = 0, outsideBefore = 0, repatriated = 0, unsuited = 0, receptionOnly = 0
        var outsiders: [Int] = []
        for placement in allocation.plan.placements {
            let i = placement.prisoner
            let prisoner = f.population.prisoners[i]
            let profile = f.profiles[f.profileOfPrisoner[i]]
            let homeRegion = geography.authorities[profile.home].region
            if let c = current[i] {
                if prisoner.category.isOpen && !estate[c].isOpen { closedBefore += 1 }
                if estate[c].region != homeRegion { outsideBefore += 1 }
            }
            guard let e = placement.destination else { continue }
            if placement.moved {
                if let days = prisoner.knownDaysToRelease, days < Self.nearReleaseDays {
                    nearRelease += 1
                    let c = current[i]!
                    if !Rules.exclusions(profile, at: estate[c], usableCapacity: f.usableCapacity[c], isCurrent: true,
                                         policy: policy).isEmpty { forced += 1 }
                }
                if reception[e] && !reception[current[i]!] && profile.stage != .remand {
                    moved[Stage.allCases.firstIndex(of: profile.stage)!] += 1
                    if estate[e].functions.isDisjoint(with: profile.stage.suitableFunctions) { unsuited += 1 }
                }
                if let c = current[i], estate[c].region != homeRegion, estate[e].region == homeRegion { repatriated += 1 }
            }
            if reception[e] && profile.stage == .training {
                training += 1
                if !estate[e].functions.contains(.training) { receptionOnly += 1 }
            }
            if prisoner.category.isOpen {
                openPlaced += 1
                if !estate[e].isOpen { closedAfter += 1 }
            }
            if estate[e].region != homeRegion {
                outside += 1
                outsiders.append(i)
            }
        }
        let occupancy = allocation.plan.occupancy
        transfersNearRelease = nearRelease
        transfersNearReleaseForced = forced
        receptionUsablePlaces = estate.indices.filter { reception[$0] }.reduce(0) { $0 + f.usableCapacity[$1] }
        receptionFreePlaces = estate.indices.filter { reception[$0] }.reduce(0) { $0 + max(0, f.usableCapacity[$1] - occupancy[$1]) }
        receptionReservePlaces = f.receptionReserve.reduce(0, +)
        sentencedMovedIntoReception = Stage.allCases.enumerated().filter { $0.element != .remand }.map { StageCount(stage: $0.element, people: moved[$0.offset]) }
        trainingStageInReception = training
        trainingStageInReceptionOnly = receptionOnly
        sentencedMovedIntoUnsuitedReception = unsuited
        openCategoryInClosedBefore = closedBefore
        openCategoryInClosedAfter = closedAfter
        openCategoryPlaced = openPlaced
        outOfRegion = outside
        outOfRegionBefore = outsideBefore
        self.repatriated = repatriated
        outOfRegionRepatriable = Self.repatriable(outsiders, formulation: f, occupancy: occupancy)
    }

    /// How many of `people` (held outside their home region) could lawfully be held in it: an establishment
    /// there that the hard rules let them enter has a usable place the plan leaves empty. People too near
    /// release to be transferred never count.
    static func repatriable(_ people: [Int], formulation f: Formulation, occupancy: [Int]) -> Int {
        let estate = f.cost.estate.establishments
        let geography = f.cost.geography
        var free: [String: [Int]] = [:]
        for (e, establishment) in estate.enumerated() where establishment.isAvailable && f.usableCapacity[e] > occupancy[e] {
            free[establishment.region, default: []].append(e)
        }
        var known: [EligibilityKey: [String: Bool]] = [:]
        var count = 0
        for i in people {
            let profile = f.profiles[f.profileOfPrisoner[i]]
            let region = geography.authorities[profile.home].region
            let key = profile.eligibilityKey
            if let answer = known[key]?[region] {
                if answer { count += 1 }
                continue
            }
            let answer = (free[region] ?? []).contains { e in
                Rules.exclusions(key, at: estate[e], usableCapacity: f.usableCapacity[e], isCurrent: false, policy: f.cost.policy).isEmpty
            }
            known[key, default: [:]][region] = answer
            if answer { count += 1 }
        }
        return count
    }
}
