import HomewardCore

/// What one fuzz input exercises, chosen by its first byte.
///
/// Corpus files start with the target's letter (e.g. `E` then an estate CSV);
/// any other first byte picks a target by `byte % count`, so that every
/// mutation still lands somewhere useful.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case csv = "C"
    case estate = "E"
    case population = "P"
    case geography = "G"
    case postcodes = "Z"
    case outline = "O"
    case distanceMatrix = "D"
    case policy = "Y"
    case scenario = "S"
    case calibration = "K"
    /// Sections separated by `%%` lines: estate CSV, population CSV, policy YAML, scenario YAML (changes).
    case model = "M"
    /// The bytes drive a generator of small estates, populations and policies.
    case generated = "R"
    /// A `plan.csv` checked against the fixture allocation.
    case planCheck = "X"

    public static func of(_ byte: UInt8) -> FuzzTarget {
        if let target = allCases.first(where: { $0.rawValue.utf8.first == byte }) { return target }
        return allCases[Int(byte) % allCases.count]
    }
}

/// Counts of what the inputs did, for the run's summary.
public struct FuzzStatistics: Sendable {
    public var inputs = 0
    public var accepted: [FuzzTarget: Int] = [:]
    public var refused: [FuzzTarget: Int] = [:]
    /// Models solved by every applicable solver and checked.
    public var modelsSolved = 0
    /// Solver errors that are a documented refusal (e.g. a fractional LP optimum under a moves limit).
    public var solverRefusals = 0
    /// Inputs skipped because they hit a known, reported issue (see ``KnownIssues``).
    public var knownIssues = 0

    public init() {}

    public var summary: String {
        var lines = ["inputs: \(inputs); models solved and cross-checked: \(modelsSolved); solver refusals: \(solverRefusals); skipped for known issues: \(knownIssues)"]
        for target in FuzzTarget.allCases {
            lines.append("  \(target) (\(target.rawValue)): accepted \(accepted[target, default: 0]), refused \(refused[target, default: 0])")
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs inputs against Homeward's loaders and model builder and checks their
/// promises. A broken promise stops the process (`fatalError`), which the
/// fuzzer reports as a crash with the input that caused it.
public enum Fuzz {
    nonisolated(unsafe) public static var statistics = FuzzStatistics()
    /// Print every refusal (`HOMEWARD_FUZZ_VERBOSE=1`), to see what a corpus file exercises.
    nonisolated(unsafe) public static var verbose = false

    /// Loads every fixture now, so that a broken fixture fails before fuzzing starts.
    public static func prepare() {
        _ = Fixtures.geography
        _ = Fixtures.estate
        _ = Fixtures.postcodes
        _ = Fixtures.population
        _ = Fixtures.planCSV
    }

    /// Runs one input.
    public static func run(_ bytes: [UInt8]) {
        statistics.inputs += 1
        guard let first = bytes.first else { return }
        let target = FuzzTarget.of(first)
        let body = Array(bytes.dropFirst())
        let accepted: Bool
        switch target {
        case .generated:
            accepted = Generated.run(body)
        default:
            accepted = runText(target, String(decoding: body, as: UTF8.self))
        }
        if accepted { statistics.accepted[target, default: 0] += 1 } else { statistics.refused[target, default: 0] += 1 }
    }

    static func runText(_ target: FuzzTarget, _ text: String) -> Bool {
        switch target {
        case .csv:
            return loads("fuzz.csv", text) { text, file throws(InputErrors) in
                let table = try CSVTable(parsing: text, file: file)
                Oracles.csvRoundTrip(table)
            }
        case .estate:
            return loads("establishments.csv", text) { text, file throws(InputErrors) in
                let estate = try EstateLoader.load(text, file: file)
                Oracles.estateRoundTrip(estate)
            }
        case .population:
            return loads("population.csv", text) { text, file throws(InputErrors) in
                let population = try PopulationLoader.load(text, file: file, geography: Fixtures.geography, estate: Fixtures.estate)
                Oracles.populationRoundTrip(population, estate: Fixtures.estate)
                if population.count <= 60 {
                    Model.check(estate: Fixtures.estate, population: population, policy: .standard)
                }
            }
        case .geography:
            return loads("uk-regions.csv", text) { text, file throws(InputErrors) in _ = try GeographyLoader.load(text, file: file) }
        case .postcodes:
            return loads("postcode-districts.csv", text) { text, file throws(InputErrors) in
                _ = try PostcodeDistrictLoader.load(text, file: file)
            }
        case .outline:
            return loads("outline.csv", text) { text, file throws(InputErrors) in _ = try OutlineLoader.load(text, file: file) }
        case .distanceMatrix:
            return loads("distances.csv", text) { text, file throws(InputErrors) in
                let measured = try DistanceMatrixLoader.load(text, file: file, geography: Fixtures.geography, estate: Fixtures.estate)
                let distances = DistanceTable(geography: Fixtures.geography, estate: Fixtures.estate, circuityFactor: 1.2, measured: measured)
                for km in distances.roadKm where !(km.isFinite && km >= 0) { fatalError("oracle: a measured distance \(km) is not a finite non-negative number") }
            }
        case .policy:
            return loads("policy.yaml", text) { text, file throws(InputErrors) in
                let policy = try PolicyLoader.load(text, file: file)
                Oracles.policyRoundTrip(policy)
            }
        case .scenario:
            return loads("scenario.yaml", text) { text, file throws(InputErrors) in
                let scenario = try ScenarioLoader.load(text, file: file)
                if case let .inline(policy) = scenario.policy { Oracles.policyRoundTrip(policy) }
                if !scenario.changes.isEmpty {
                    // The scenario through the commands' instance path, its files served from the fixtures.
                    let files = FixtureFiles(extra: [file: text])
                    do throws(InputErrors) {
                        let instance = try InstanceLoader(source: files).load(scenario: file, options: .init(policyOverride: .standard))
                        Model.check(estate: instance.estate, population: instance.population, policy: .standard)
                    } catch {
                        Oracles.wellFormed(error, files: files)
                    }
                }
            }
        case .calibration:
            return loads("population-calibration.yaml", text) { text, file throws(InputErrors) in
                let calibration = try CalibrationLoader.load(text, file: file)
                let synthesizer = PopulationSynthesizer(estate: Fixtures.estate, geography: Fixtures.geography, calibration: calibration)
                let (population, _) = synthesizer.generate(size: 25, seed: UInt64(text.utf8.count))
                if KnownIssues.population(population) != nil {
                    statistics.knownIssues += 1
                    return
                }
                Oracles.populationRoundTrip(population, estate: Fixtures.estate)
                Model.check(estate: Fixtures.estate, population: population, policy: .standard)
            }
        case .model:
            return Model.runSections(text)
        case .planCheck:
            return loads("plan.csv", text) { text, file throws(InputErrors) in
                let checker = PlanChecker(estate: Fixtures.estate, geography: Fixtures.geography, population: Fixtures.population,
                                          policy: .standard)
                _ = try checker.check(planCSV: text, file: file)
            }
        case .generated:
            return Generated.run(Array(text.utf8))
        }
    }

    /// Runs `body`; a refusal must list at least one problem, each naming the file and a plausible line.
    static func loads(_ file: String, _ text: String, _ body: (String, String) throws(InputErrors) -> Void) -> Bool {
        do {
            try body(text, file)
            return true
        } catch {
            Oracles.wellFormed(error, file: file, text: text)
            return false
        }
    }
}
