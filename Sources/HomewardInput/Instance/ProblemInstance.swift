import HomewardDomain

/// Everything one allocation problem is made of, read and validated once:
/// the scenario, the estate before and after its changes, the geography, the
/// people, the policy, the distances, and where every input came from.
///
/// Built only by ``InstanceLoader``; every command, the benchmarks and the fuzz
/// targets start from one, so that a new input is read in one place.
public struct ProblemInstance: Sendable {
    /// The scenario file's path, as the user gave it.
    public let scenarioPath: String
    public let scenario: Scenario
    /// The estate as loaded, before the scenario's changes.
    public let baseEstate: Estate
    /// The estate with the scenario's changes applied (the estate to allocate).
    public let estate: Estate
    public let geography: Geography
    public let population: Population
    public let policy: Policy
    /// Whether the population was generated from published aggregates.
    public let synthetic: Bool
    /// The calibration the synthetic population was drawn from (loaded too when asked for, e.g. to simulate).
    public let calibration: Calibration?
    /// Postcode districts, when a change opens an establishment at one.
    public let postcodeDistricts: [PostcodeDistrict]
    /// Measured distances in km by geography index, then base-estate index (empty: estimated from coordinates).
    public let measuredDistances: [Int: [Int: Double]]
    /// Distances from every home area to every establishment of ``estate``.
    public let distances: DistanceTable
    /// The files read, in reading order (the synthetic population's fingerprint is ``populationFingerprint()``).
    public let filesRead: [InputFile]
    /// True when the instance was loaded sharing another's people and policy (``InstanceLoader/Options/sharing``)
    /// and its own scenario names other people or another policy, which were set aside.
    public let sharingOverrode: Bool

    init(scenarioPath: String, scenario: Scenario, baseEstate: Estate, estate: Estate, geography: Geography,
         population: Population, policy: Policy, synthetic: Bool, calibration: Calibration?,
         postcodeDistricts: [PostcodeDistrict], measuredDistances: [Int: [Int: Double]], filesRead: [InputFile],
         sharingOverrode: Bool = false) {
        self.scenarioPath = scenarioPath
        self.scenario = scenario
        self.baseEstate = baseEstate
        self.estate = estate
        self.geography = geography
        self.population = population
        self.policy = policy
        self.synthetic = synthetic
        self.calibration = calibration
        self.postcodeDistricts = postcodeDistricts
        self.measuredDistances = measuredDistances
        self.filesRead = filesRead
        self.sharingOverrode = sharingOverrode
        distances = ProblemInstance.distances(for: estate, baseEstate: baseEstate, geography: geography, policy: policy,
                                              measured: measuredDistances)
    }

    /// The distance table for another estate (e.g. the estate before the changes, or a sweep's case) under this policy.
    public func distances(for other: Estate) -> DistanceTable {
        ProblemInstance.distances(for: other, baseEstate: baseEstate, geography: geography, policy: policy,
                                  measured: measuredDistances)
    }

    /// What estate changes are checked against.
    public var changeContext: ChangeContext {
        ChangeContext(file: scenarioPath, geography: geography, postcodeDistricts: postcodeDistricts,
                      population: population, policy: policy)
    }

    /// The synthetic population's fingerprint: the SHA-256 of its CSV text, as if it had been read from a file
    /// (nil for a population read from a file, which ``filesRead`` lists). It writes 88,000 rows nationally,
    /// so callers may compute it on another core while the model is built.
    public func populationFingerprint() -> InputFile? {
        guard synthetic, case let .synthetic(size, seed) = scenario.population else { return nil }
        let stress = scenario.stressNonAssociations.map { ", \($0.count) stress non-associations (seed \($0.seed))" } ?? ""
        return InputFile(role: "population", path: "synthetic: size \(size), seed \(seed)" + stress,
                         sha256: Fingerprint.sha256(PopulationLoader.write(population)))
    }

    /// Every input with its SHA-256: the files read, then the synthetic population's fingerprint if there is one.
    public func provenance() -> [InputFile] {
        filesRead + (populationFingerprint().map { [$0] } ?? [])
    }

    /// The estate as it is: the same people, policy and inputs, without the scenario's changes.
    public var asIs: ProblemInstance { replacingEstate(baseEstate) }

    /// The instance with the scenario's changes applied to `estate` instead (the changes were checked already).
    public func replacingEstate(_ estate: Estate) -> ProblemInstance {
        ProblemInstance(scenarioPath: scenarioPath, scenario: scenario, baseEstate: baseEstate, estate: estate,
                        geography: geography, population: population, policy: policy, synthetic: synthetic,
                        calibration: calibration, postcodeDistricts: postcodeDistricts,
                        measuredDistances: measuredDistances, filesRead: filesRead, sharingOverrode: sharingOverrode)
    }

    /// The distances for `estate`: measured pairs (keyed by base-estate index) re-keyed by code, the rest estimated.
    static func distances(for estate: Estate, baseEstate: Estate, geography: Geography, policy: Policy,
                          measured: [Int: [Int: Double]]) -> DistanceTable {
        var rekeyed: [Int: [Int: Double]] = [:]
        for (authority, row) in measured {
            for (e, km) in row {
                if let index = estate.index(of: baseEstate.establishments[e].code) { rekeyed[authority, default: [:]][index] = km }
            }
        }
        return DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor, measured: rekeyed)
    }
}
