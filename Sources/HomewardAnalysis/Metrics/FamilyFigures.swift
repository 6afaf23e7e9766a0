import HomewardDomain
import HomewardInput
import HomewardModel

/// The family figures that sweeps and the weekly series report for a plan:
/// how many are placed and, of them, the mean road distance from home in
/// miles, the share within 50 miles and the share held in their home region.
public struct FamilyFigures: Sendable, Equatable {
    public var placed: Int
    public var meanMiles: Double
    public var within50: Double
    public var inHomeRegion: Double

    /// The figures of `destinations` (per person of `f`'s population, an
    /// estate index or nil for unplaced), with each person's home taken from
    /// their profile.
    public init(_ f: Formulation, destinations: [Int?]) {
        let establishments = f.cost.estate.establishments
        let authorities = f.cost.geography.authorities
        var miles = 0.0, within = 0, home = 0, placed = 0
        for (i, destination) in destinations.enumerated() {
            guard let e = destination else { continue }
            let h = f.profiles[f.profileOfPrisoner[i]].home
            let m = f.cost.distances.km(h, e) / DistanceTable.kmPerMile
            miles += m
            within += m <= 50 ? 1 : 0
            home += establishments[e].region == authorities[h].region ? 1 : 0
            placed += 1
        }
        let n = Double(max(placed, 1))
        self.placed = placed
        meanMiles = miles / n
        within50 = Double(within) / n
        inHomeRegion = Double(home) / n
    }
}
