import Foundation
import HomewardDomain

/// The one path from a scenario file to a ``ProblemInstance``: reads the
/// scenario and every file it names through an ``InputSource``, validates
/// them, generates the synthetic population when the scenario asks for one,
/// and applies the scenario's estate changes.
///
/// Every problem in every file is reported together (``InputErrors``), each
/// naming its file, line and field; nothing is returned half-loaded.
public struct InstanceLoader: Sendable {
    /// What to load besides the scenario's own inputs.
    public struct Options: Sendable {
        /// A policy to use instead of the scenario's (it is still read and checked).
        public var policyOverride: Policy?
        /// Another instance whose people, policy and geography this one uses (a comparison keeps the first
        /// scenario's people and policy, so that only the estates differ); its population is not generated again.
        public var sharing: ProblemInstance?
        /// Load the calibration even when the population is read from a file (the simulation draws arrivals from it).
        public var needsCalibration: Bool
        /// With ``sharing``: keep this scenario's own policy (a comparison of policies), sharing only the people.
        public var ownPolicy: Bool
        /// Added to a synthetic population's seed: another draw of the same scenario (`assess --draws`).
        public var seedOffset: UInt64

        public init(policyOverride: Policy? = nil, sharing: ProblemInstance? = nil, needsCalibration: Bool = false,
                    ownPolicy: Bool = false, seedOffset: UInt64 = 0) {
            self.seedOffset = seedOffset
            self.ownPolicy = ownPolicy
            self.policyOverride = policyOverride
            self.sharing = sharing
            self.needsCalibration = needsCalibration
        }
    }

    public let source: any InputSource

    public init(source: any InputSource) {
        self.source = source
    }

    /// Loads the scenario at `path` and everything it names.
    /// - Throws: ``InputErrors`` listing every problem found, in every file.
    public func load(scenario path: String, options: Options = Options()) throws(InputErrors) -> ProblemInstance {
        let scenarioText = try source.read(path)
        var scenario = try ScenarioLoader.load(scenarioText, file: path)
        if options.seedOffset != 0, case let .synthetic(size, seed) = scenario.population {
            scenario.population = .synthetic(size: size, seed: seed &+ options.seedOffset)
        }
        var reader = Reader(source: source, scenarioPath: path)
        reader.record("scenario", path, scenarioText)
        let (baseEstate, geography) = try reader.estateAndGeography(scenario)
        var policy = reader.policy(scenario)
        let postcodes = reader.postcodeDistricts(scenario)
        try reader.throwIfAny()
        if let override = options.policyOverride { policy = override }
        let measured = try reader.distanceMatrix(scenario, geography: geography, estate: baseEstate)

        let people: (population: Population, synthetic: Bool, calibration: Calibration?)
        var overridden = false
        if let shared = options.sharing {
            people = (shared.population, shared.synthetic, shared.calibration)
            overridden = scenario.population != shared.scenario.population
                || scenario.stressNonAssociations != shared.scenario.stressNonAssociations
                || (!options.ownPolicy && policy != shared.policy)
            if !options.ownPolicy { policy = shared.policy }
        } else {
            people = try reader.population(scenario, geography: geography, estate: baseEstate,
                                           needsCalibration: options.needsCalibration, policy: policy, postcodes: postcodes)
        }
        let context = ChangeContext(file: path, geography: options.sharing?.geography ?? geography,
                                    postcodeDistricts: postcodes, population: people.population, policy: policy)
        let estate = try EstateChanges.apply(scenario.changes, to: baseEstate, context: context)
        return ProblemInstance(scenarioPath: path, scenario: scenario, baseEstate: baseEstate, estate: estate,
                               geography: options.sharing?.geography ?? geography, population: people.population,
                               policy: policy, synthetic: people.synthetic, calibration: people.calibration,
                               postcodeDistricts: postcodes, measuredDistances: measured, filesRead: reader.files,
                               sharingOverrode: overridden)
    }

    /// The map outline beside the instance's estate file (`great-britain-outline.csv`), or none if it is absent.
    /// - Throws: ``InputErrors`` if the file is there but malformed.
    public func outline(of instance: ProblemInstance) throws(InputErrors) -> [OutlineRing] {
        let path = InputPath.resolve(InputPath.sibling(of: instance.scenario.estate, "great-britain-outline.csv"),
                                     relativeTo: instance.scenarioPath)
        guard source.exists(path) else { return [] }
        return try OutlineLoader.load(try source.read(path), file: path)
    }
}

/// The loader's working state: the files read so far (with their fingerprints) and the problems found.
private struct Reader {
    let source: any InputSource
    let scenarioPath: String
    var files: [InputFile] = []
    var errors: [InputError] = []

    init(source: any InputSource, scenarioPath: String) {
        self.source = source
        self.scenarioPath = scenarioPath
    }

    func resolve(_ path: String) -> String { InputPath.resolve(path, relativeTo: scenarioPath) }

    mutating func record(_ role: String, _ path: String, _ text: String) {
        files.append(InputFile(role: role, path: path, sha256: Fingerprint.sha256(text)))
    }

    func throwIfAny() throws(InputErrors) {
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// Reads and parses one file, recording it (when `role` is given) or its problems.
    mutating func parse<T>(_ path: String, role: String?, _ parse: (String) throws(InputErrors) -> T) -> T? {
        do {
            let text = try source.read(path)
            let value = try parse(text)
            if let role { record(role, path, text) }
            return value
        } catch {
            errors += error.errors
            return nil
        }
    }

    /// The estate and the geography, checked against each other (every establishment's region is a geography region).
    mutating func estateAndGeography(_ scenario: Scenario) throws(InputErrors) -> (Estate, Geography) {
        let estatePath = resolve(scenario.estate)
        let geographyPath = resolve(scenario.geography ?? InputPath.sibling(of: scenario.estate, "uk-regions.csv"))
        let estate = parse(estatePath, role: "estate") { text throws(InputErrors) in try EstateLoader.load(text, file: estatePath) }
        let geography = parse(geographyPath, role: "geography") { text throws(InputErrors) in
            try GeographyLoader.load(text, file: geographyPath)
        }
        guard let estate, let geography else {
            // Carry on to collect the policy's and postcodes' problems too; the caller throws them all.
            return (Estate(establishments: []), Geography(authorities: []))
        }
        let regions = Set(geography.authorities.map(\.region))
        for e in estate.establishments where !regions.contains(e.region) {
            errors.append(InputError(file: estatePath, field: "region", reason: .unknown(e.region, expected: geography.regions),
                                     hint: "\(e.code): regions must match the geography file's region names"))
        }
        return (estate, geography)
    }

    /// The scenario's policy: built-in defaults, inline, or a file.
    mutating func policy(_ scenario: Scenario) -> Policy {
        switch scenario.policy {
        case .standard:
            files.append(InputFile(role: "policy", path: "built-in defaults", sha256: Fingerprint.sha256(PolicyLoader.write(.standard))))
            return .standard
        case let .inline(inline):
            files.append(InputFile(role: "policy", path: "inline in \(scenarioPath)", sha256: Fingerprint.sha256(PolicyLoader.write(inline))))
            return inline
        case let .file(relative):
            let path = resolve(relative)
            return parse(path, role: "policy") { text throws(InputErrors) in try PolicyLoader.load(text, file: path) } ?? .standard
        }
    }

    /// Postcode districts, when the scenario names a file or a change opens an establishment at a district.
    mutating func postcodeDistricts(_ scenario: Scenario) -> [PostcodeDistrict] {
        var needs = scenario.changes.contains {
            if case let .open(new) = $0.kind, case .postcodeDistrict = new.location { return true }
            return false
        }
        if case .extract = scenario.population { needs = true }
        guard let relative = scenario.postcodeDistricts ?? (needs ? InputPath.sibling(of: scenario.estate, "postcode-districts.csv") : nil)
        else { return [] }
        let path = resolve(relative)
        return parse(path, role: nil) { text throws(InputErrors) in try PostcodeDistrictLoader.load(text, file: path) } ?? []
    }

    /// The scenario's measured distance matrix, if it names one.
    mutating func distanceMatrix(_ scenario: Scenario, geography: Geography, estate: Estate) throws(InputErrors) -> [Int: [Int: Double]] {
        guard let relative = scenario.distanceMatrix else { return [:] }
        let path = resolve(relative)
        let text = try source.read(path)
        let measured = try DistanceMatrixLoader.load(text, file: path, geography: geography, estate: estate)
        record("distance_matrix", path, text)
        return measured
    }

    /// The people: read from a file, or generated from the calibration.
    mutating func population(_ scenario: Scenario, geography: Geography, estate: Estate, needsCalibration: Bool,
                             policy: Policy, postcodes: [PostcodeDistrict]) throws(InputErrors) -> (Population, Bool, Calibration?) {
        switch scenario.population {
        case let .file(relative):
            let path = resolve(relative)
            let text = try source.read(path)
            let population = try PopulationLoader.load(text, file: path, geography: geography, estate: estate)
            record("population", path, text)
            return (population, false, needsCalibration ? try calibration(scenario, recording: false) : nil)
        case let .extract(relative):
            let codes = try extractCodes(scenario)
            let context = ExtractContext(estate: estate, geography: geography, postcodes: postcodes, policy: policy, codes: codes)
            let result = try ExtractLoader.load(directory: resolve(relative), source: source, context: context)
            // One role per file (summary.json keys its inputs by role): extract_manifest, extract_persons, ...
            for (path, text) in result.files {
                let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                record("extract_" + stem, path, text)
            }
            return (result.population, result.synthetic, needsCalibration ? try calibration(scenario, recording: false) : nil)
        case let .synthetic(size, seed):
            let calibration = try calibration(scenario, recording: true)
            let synthesizer = PopulationSynthesizer(estate: estate, geography: geography, calibration: calibration)
            var population = synthesizer.generate(size: size, seed: seed).0
            if let stress = scenario.stressNonAssociations {
                population.week.nonAssociations = StressNonAssociations.pairs(population, count: stress.count, seed: stress.seed)
            }
            return (population, true, calibration)
        }
    }

    /// The extract's code tables, beside the estate file.
    mutating func extractCodes(_ scenario: Scenario) throws(InputErrors) -> ExtractCodes {
        var read: [(text: String, file: String)] = []
        for name in [ExtractCodes.alertFile, ExtractCodes.categoryFile, ExtractCodes.statusFile] {
            let path = resolve(InputPath.sibling(of: scenario.estate, name))
            let text = try source.read(path)
            record(((name as NSString).deletingPathExtension).replacingOccurrences(of: "-", with: "_"), path, text)
            read.append((text, path))
        }
        return try ExtractCodesLoader.load(alerts: read[0], categories: read[1], statuses: read[2])
    }

    mutating func calibration(_ scenario: Scenario, recording: Bool) throws(InputErrors) -> Calibration {
        let path = resolve(scenario.calibration ?? InputPath.sibling(of: scenario.estate, "population-calibration.yaml"))
        let text = try source.read(path)
        let calibration = try CalibrationLoader.load(text, file: path)
        if recording { record("calibration", path, text) }
        return calibration
    }
}
