import Foundation
import HomewardCore

/// Everything a scenario names, read and validated.
struct Workspace {
    let scenarioPath: String
    let scenario: Scenario
    /// The estate as loaded, before scenario changes.
    let estate: Estate
    let geography: Geography
    let policy: Policy
    let population: Population
    let synthetic: Bool
    /// The input files read, and the synthetic population's hash once it is ready.
    var inputs: [InputFile] { readInputs + (populationHash.map { [$0.result] } ?? []) }
    let readInputs: [InputFile]
    /// The synthetic population's identity (its CSV text's SHA-256), computed on another core while the model is built.
    let populationHash: Background<InputFile>?
    let postcodeDistricts: [PostcodeDistrict]
    let measuredDistances: [Int: [Int: Double]]

    /// Loads a scenario and everything it names, reporting every problem in every file.
    static func load(scenario path: String, policyOverride: Policy? = nil) throws(InputErrors) -> Workspace {
        let scenarioText = try Files.read(path)
        let scenario = try ScenarioLoader.load(scenarioText, file: path)
        var errors: [InputError] = []
        var inputs = [InputFile(role: "scenario", path: path, sha256: Files.sha256(scenarioText))]

        let estatePath = Files.resolve(scenario.estate, relativeTo: path)
        let geographyPath = Files.resolve(scenario.geography ?? sibling(of: scenario.estate, "uk-regions.csv"), relativeTo: path)
        var estate: Estate?
        var geography: Geography?
        do {
            let text = try Files.read(estatePath)
            estate = try EstateLoader.load(text, file: estatePath)
            inputs.append(InputFile(role: "estate", path: estatePath, sha256: Files.sha256(text)))
        } catch { errors += error.errors }
        do {
            let text = try Files.read(geographyPath)
            geography = try GeographyLoader.load(text, file: geographyPath)
            inputs.append(InputFile(role: "geography", path: geographyPath, sha256: Files.sha256(text)))
        } catch { errors += error.errors }
        if let estate, let geography {
            let regions = Set(geography.authorities.map(\.region))
            for e in estate.establishments where !regions.contains(e.region) {
                errors.append(InputError(file: estatePath, field: "region",
                                         reason: .unknown(e.region, expected: geography.regions),
                                         hint: "\(e.code): regions must match the geography file's region names"))
            }
        }

        var policy = Policy.standard
        switch scenario.policy {
        case .standard:
            inputs.append(InputFile(role: "policy", path: "built-in defaults", sha256: Files.sha256(PolicyLoader.write(.standard))))
        case let .inline(inline):
            policy = inline
            inputs.append(InputFile(role: "policy", path: "inline in \(path)", sha256: Files.sha256(PolicyLoader.write(inline))))
        case let .file(relative):
            let policyPath = Files.resolve(relative, relativeTo: path)
            do {
                let text = try Files.read(policyPath)
                policy = try PolicyLoader.load(text, file: policyPath)
                inputs.append(InputFile(role: "policy", path: policyPath, sha256: Files.sha256(text)))
            } catch { errors += error.errors }
        }
        if let policyOverride { policy = policyOverride }

        var postcodes: [PostcodeDistrict] = []
        if let relative = scenario.postcodeDistricts ?? defaultPostcodeFile(scenario, scenarioPath: path) {
            let postcodePath = Files.resolve(relative, relativeTo: path)
            do {
                let text = try Files.read(postcodePath)
                postcodes = try PostcodeDistrictLoader.load(text, file: postcodePath)
            } catch { errors += error.errors }
        }

        guard let estate, let geography, errors.isEmpty else { throw InputErrors(errors) }

        var measured: [Int: [Int: Double]] = [:]
        if let relative = scenario.distanceMatrix {
            let matrixPath = Files.resolve(relative, relativeTo: path)
            do {
                let text = try Files.read(matrixPath)
                measured = try DistanceMatrixLoader.load(text, file: matrixPath, geography: geography, estate: estate)
                inputs.append(InputFile(role: "distance_matrix", path: matrixPath, sha256: Files.sha256(text)))
            } catch { throw error }
        }

        let population: Population
        let synthetic: Bool
        var populationHash: Background<InputFile>?
        switch scenario.population {
        case let .file(relative):
            let populationPath = Files.resolve(relative, relativeTo: path)
            let text = try Files.read(populationPath)
            population = try PopulationLoader.load(text, file: populationPath, geography: geography, estate: estate)
            inputs.append(InputFile(role: "population", path: populationPath, sha256: Files.sha256(text)))
            synthetic = false
        case let .synthetic(size, seed):
            let calibrationPath = Files.resolve(scenario.calibration ?? sibling(of: scenario.estate, "population-calibration.yaml"),
                                                relativeTo: path)
            let calibrationText = try Files.read(calibrationPath)
            let calibration = try CalibrationLoader.load(calibrationText, file: calibrationPath)
            inputs.append(InputFile(role: "calibration", path: calibrationPath, sha256: Files.sha256(calibrationText)))
            let synthesizer = PopulationSynthesizer(estate: estate, geography: geography, calibration: calibration)
            let people = synthesizer.generate(size: size, seed: seed).0
            population = people
            populationHash = Background {
                InputFile(role: "population", path: "synthetic: size \(size), seed \(seed)",
                          sha256: Files.sha256(PopulationLoader.write(people)))
            }
            synthetic = true
        }
        return Workspace(scenarioPath: path, scenario: scenario, estate: estate, geography: geography, policy: policy,
                         population: population, synthetic: synthetic, readInputs: inputs, populationHash: populationHash,
                         postcodeDistricts: postcodes,
                         measuredDistances: measured)
    }

    static func sibling(of path: String, _ name: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
    }

    /// The postcode-district file beside the estate, if a change needs one.
    static func defaultPostcodeFile(_ scenario: Scenario, scenarioPath: String) -> String? {
        let needs = scenario.changes.contains {
            if case let .open(new) = $0.kind, case .postcodeDistrict = new.location { return true }
            return false
        }
        return needs ? sibling(of: scenario.estate, "postcode-districts.csv") : nil
    }

    /// The distance table for `estate` under `policy`.
    func distances(for estate: Estate, policy: Policy) -> DistanceTable {
        // Measured pairs are keyed by base-estate index; re-key them by code for a changed estate.
        var rekeyed: [Int: [Int: Double]] = [:]
        for (authority, row) in measuredDistances {
            for (e, km) in row {
                if let index = estate.index(of: self.estate.establishments[e].code) { rekeyed[authority, default: [:]][index] = km }
            }
        }
        return DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor, measured: rekeyed)
    }
}

extension Workspace {
    /// What estate changes are checked against.
    var changeContext: ChangeContext {
        ChangeContext(file: scenarioPath, geography: geography, postcodeDistricts: postcodeDistricts,
                      population: population, policy: policy)
    }
}

extension Workspace {
    /// The map outline beside the estate (`great-britain-outline.csv`), or none if the file is absent.
    func outline() throws(InputErrors) -> [OutlineRing] {
        let path = Files.resolve(Workspace.sibling(of: scenario.estate, "great-britain-outline.csv"), relativeTo: scenarioPath)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try OutlineLoader.load(try Files.read(path), file: path)
    }
}
