import HomewardDomain
import Yams

/// Reads a scenario YAML file.
public enum ScenarioLoader {
    static let keys = [
        "name", "question", "decision", "estate", "geography", "calibration", "postcode_districts", "distance_matrix",
        "population", "policy", "changes", "report",
    ]
    static let changeKinds = ["rerole", "capacity", "close", "open"]

    /// Parses a scenario.
    /// - Throws: ``InputErrors`` with line, column and key for every problem.
    public static func load(_ text: String, file: String) throws(InputErrors) -> Scenario {
        var reader = YAMLReader(file: file)
        guard let root = reader.parse(text, emptyHint: "a scenario needs at least name, question, estate and population")
        else { throw InputErrors(reader.errors.errors) }
        guard let pairs = reader.mapping(root, "", allowed: keys) else { throw InputErrors(reader.errors.errors) }
        var name: String?
        var question: String?
        var decision: DecisionRecord?
        var estate: String?
        var geography: String?
        var calibration: String?
        var postcodes: String?
        var matrix: String?
        var population: Scenario.PopulationSource?
        var stress: Scenario.StressPairs?
        var policy = Scenario.PolicySource.standard
        var changes: [EstateChange] = []
        var suppress = 5
        var draws = 1
        for (key, node) in pairs {
            switch key {
            case "name": name = reader.string(node, key)
            case "question": question = reader.string(node, key)
            case "decision": decision = DecisionRecord.read(node, reader: &reader)
            case "estate": estate = reader.string(node, key)
            case "geography": geography = reader.string(node, key)
            case "calibration": calibration = reader.string(node, key)
            case "postcode_districts": postcodes = reader.string(node, key)
            case "distance_matrix": matrix = reader.string(node, key)
            case "population": (population, stress) = readPopulation(node, reader: &reader)
            case "policy":
                if case .scalar = node {
                    if let path = reader.string(node, key) { policy = .file(path) }
                } else {
                    policy = .inline(PolicyLoader.read(node, path: "policy", base: .standard, reader: &reader))
                }
            case "changes":
                guard let items = reader.sequence(node, key) else { continue }
                for (i, item) in items.enumerated() {
                    if let change = readChange(item, path: "changes[\(i + 1)]", reader: &reader) { changes.append(change) }
                }
            case "report":
                guard let items = reader.mapping(node, key, allowed: ["suppress_below", "draws"]) else { continue }
                for (name, value) in items {
                    if name == "draws" {
                        if let v = reader.int(value, "report.draws", in: 1...64) { draws = v }
                    } else if let v = reader.int(value, "report.suppress_below", in: 1...1000) { suppress = v }
                }
            default: break
            }
        }
        if name == nil { reader.errors.add(line: root.mark?.line, field: "name", .missing, hint: "give the scenario a short name") }
        if question == nil {
            reader.errors.add(line: root.mark?.line, field: "question", .missing,
                              hint: "say in one line what question the scenario answers")
        }
        if estate == nil { reader.errors.add(line: root.mark?.line, field: "estate", .missing, hint: "e.g. estate: ../Estate/establishments.csv") }
        if population == nil, !pairs.contains(where: { $0.key == "population" }) {
            reader.errors.add(line: root.mark?.line, field: "population", .missing,
                              hint: "population: {file: people.csv}, population: {synth: {size: 88000, seed: 1}} or population: {extract: folder}")
        }
        try reader.errors.throwIfAny()
        var scenario = Scenario(
            name: name!, question: question!, decision: decision?.considered, estate: estate!, geography: geography,
            calibration: calibration, postcodeDistricts: postcodes, distanceMatrix: matrix, population: population!,
            policy: policy, changes: changes, suppressBelow: suppress)
        if let decision { scenario.decisionRecord = decision }
        scenario.draws = draws
        scenario.stressNonAssociations = stress
        return scenario
    }

    /// The population's source, and any stress non-associations (`synth: {..., non_associations: {count: N, seed: S}}`:
    /// N pairs made by ``StressNonAssociations`` for a benchmark or stress test; there is no published count).
    static func readPopulation(_ node: Node, reader: inout YAMLReader) -> (Scenario.PopulationSource?, Scenario.StressPairs?) {
        guard let pairs = reader.mapping(node, "population", allowed: ["file", "synth", "extract"]) else { return (nil, nil) }
        guard pairs.count == 1 else {
            reader.add(node, "population", .inconsistent("give exactly one of 'file', 'synth' or 'extract'"))
            return (nil, nil)
        }
        let (key, value) = pairs[0]
        if key == "file" {
            return (reader.string(value, "population.file").map { .file($0) }, nil)
        }
        if key == "extract" {
            return (reader.string(value, "population.extract").map { .extract($0) }, nil)
        }
        guard let synth = reader.mapping(value, "population.synth", allowed: ["size", "seed", "non_associations"]) else {
            return (nil, nil)
        }
        var size = 88_000
        var seed: UInt64 = 1
        var stress: Scenario.StressPairs?
        for (k, v) in synth {
            if k == "size", let n = readSize(v, reader: &reader) { size = n }
            if k == "seed", let n = reader.int(v, "population.synth.seed", in: 0...Int.max) { seed = UInt64(n) }
            if k == "non_associations" { stress = readStressPairs(v, reader: &reader) }
        }
        if let count = stress?.count, count > 0, size < 2 {
            reader.add(value, "population.synth.non_associations.count",
                       .inconsistent("a non-association needs two people; the population has \(size)"))
        }
        return (.synthetic(size: size, seed: seed), stress)
    }

    /// `non_associations: {count: N, seed: S}` under `population.synth` (seed 23 if left out).
    static func readStressPairs(_ node: Node, reader: inout YAMLReader) -> Scenario.StressPairs? {
        let path = "population.synth.non_associations"
        guard let items = reader.mapping(node, path, allowed: ["count", "seed"]) else { return nil }
        var count: Int?
        var seed: UInt64 = 23
        for (k, v) in items {
            if k == "count" { count = reader.int(v, path + ".count", in: 0...1_000_000) }
            if k == "seed", let n = reader.int(v, path + ".seed", in: 0...Int.max) { seed = UInt64(n) }
        }
        guard items.contains(where: { $0.key == "count" }) else {
            reader.add(node, path + ".count", .missing, hint: "e.g. non_associations: {count: 2000, seed: 23}")
            return nil
        }
        return count.map { Scenario.StressPairs(count: $0, seed: seed) }
    }

    /// A synthetic population's size: at least 1, and refused up front, with an estimate, when the run
    /// would not fit in this machine's memory (or exceeds Homeward's limit of 2,000,000 people).
    static func readSize(_ node: Node, reader: inout YAMLReader) -> Int? {
        let path = "population.synth.size"
        guard case let .scalar(scalar) = node, let size = Int(scalar.string) else {
            if case let .scalar(scalar) = node, let number = Double(scalar.string), number.isFinite, number >= 1 {
                // 2e9, 1.5e6: a number, but not written as a whole number (or beyond any machine).
                reader.add(node, path, .outOfRange(scalar.string, allowed: "1 to \(Format.grouped(MemoryEstimate.maxPeople)), written as a whole number"),
                           hint: MemoryEstimate.refusal(people: number >= 9e18 ? Int.max : Int(number), for: .allocation))
            } else {
                reader.add(node, path, .wrongType(expected: "a whole number"))
            }
            return nil
        }
        if size < 1 {
            reader.add(node, path, .outOfRange(scalar.string, allowed: "1 to \(Format.grouped(MemoryEstimate.maxPeople))"))
            return nil
        }
        if let refusal = MemoryEstimate.refusal(people: size, for: .allocation) {
            let fits = MemoryEstimate.maxPeople(for: .allocation)
            reader.add(node, path, .outOfRange(scalar.string, allowed: "1 to \(Format.grouped(fits)) on this machine"), hint: refusal)
            return nil
        }
        return size
    }

    static func readChange(_ node: Node, path: String, reader: inout YAMLReader) -> EstateChange? {
        guard let pairs = reader.mapping(node, path, allowed: changeKinds + ["date", "note"]) else { return nil }
        let kinds = pairs.filter { changeKinds.contains($0.key) }
        guard kinds.count == 1 else {
            reader.add(node, path, .inconsistent("each change needs exactly one of: \(changeKinds.joined(separator: ", "))"))
            return nil
        }
        var date: String?
        var note: String?
        for (key, value) in pairs {
            if key == "date", let text = reader.string(value, "\(path).date") {
                if isISODate(text) { date = text } else { reader.add(value, "\(path).date", .malformed(text, expected: "a date written YYYY-MM-DD")) }
            }
            if key == "note" { note = reader.string(value, "\(path).note") }
        }
        let (kindName, body) = kinds[0]
        let p = "\(path).\(kindName)"
        let line = body.mark?.line ?? node.mark?.line ?? 0
        let kind: EstateChange.Kind?
        switch kindName {
        case "rerole": kind = readRerole(body, path: p, reader: &reader)
        case "capacity": kind = readCapacity(body, path: p, reader: &reader)
        case "close":
            guard let items = reader.mapping(body, p, allowed: ["establishment"]) else { return nil }
            kind = items.first.flatMap { reader.string($0.value, "\(p).establishment") }.map { .close(PrisonCode($0)) }
            if items.isEmpty { reader.add(body, "\(p).establishment", .missing) }
        default: kind = readOpen(body, path: p, reader: &reader)
        }
        guard let kind else { return nil }
        return EstateChange(kind: kind, date: date, note: note, line: line)
    }

    static let rerolekeys = ["establishment", "function", "categories", "sex", "age_group", "cohort_only", "interventions"]

    static func readRerole(_ node: Node, path: String, reader: inout YAMLReader) -> EstateChange.Kind? {
        guard let pairs = reader.mapping(node, path, allowed: rerolekeys) else { return nil }
        var code: PrisonCode?
        var rerole = Rerole()
        for (key, value) in pairs {
            let p = "\(path).\(key)"
            switch key {
            case "establishment": code = reader.string(value, p).map(PrisonCode.init)
            case "function": rerole.functions = flags(value, p, names: Functions.names, reader: &reader)
            case "categories": rerole.categories = flags(value, p, names: SecurityProvision.names, reader: &reader)
            case "sex": rerole.sex = choice(value, p, EstablishmentSex.self, reader: &reader)
            case "age_group": rerole.ageGroup = choice(value, p, EstablishmentAgeGroup.self, reader: &reader)
            case "cohort_only":
                if let text = reader.string(value, p) {
                    if text == "none" { rerole.cohortOnly = .some(nil) } else if let c = Cohort(rawValue: text) { rerole.cohortOnly = .some(c) } else {
                        reader.add(value, p, .unknown(text, expected: ["none"] + Cohort.allCases.map(\.rawValue)))
                    }
                }
            case "interventions": rerole.interventions = interventions(value, p, reader: &reader)
            default: break
            }
        }
        guard let code else {
            reader.add(node, "\(path).establishment", .missing, hint: "name the establishment by its code, e.g. FEI")
            return nil
        }
        if pairs.count == 1 {
            reader.add(node, path, .inconsistent("a re-role must change at least one of function, categories, sex, age_group, cohort_only, interventions"))
            return nil
        }
        return .rerole(code, rerole)
    }

    static func readCapacity(_ node: Node, path: String, reader: inout YAMLReader) -> EstateChange.Kind? {
        guard let pairs = reader.mapping(node, path, allowed: ["establishment", "operational_capacity", "cna"]) else { return nil }
        var code: PrisonCode?
        var capacity: Int?
        var cna: Int?
        var bad = false
        for (key, value) in pairs {
            let p = "\(path).\(key)"
            switch key {
            case "establishment": code = reader.string(value, p).map(PrisonCode.init)
            case "operational_capacity":
                capacity = reader.int(value, p, in: 0...20_000)
                bad = bad || capacity == nil
            default:
                cna = reader.int(value, p, in: 0...20_000)
                bad = bad || cna == nil
            }
        }
        guard let code else {
            reader.add(node, "\(path).establishment", .missing)
            return nil
        }
        if !bad && capacity == nil && cna == nil {
            reader.add(node, path, .inconsistent("give operational_capacity, cna or both"))
            return nil
        }
        return bad ? nil : .capacity(code, operationalCapacity: capacity, cna: cna)
    }

    static let openKeys = [
        "code", "name", "location", "sex", "age_group", "categories", "function", "operational_capacity", "cna",
        "region", "cohort_only", "interventions",
    ]

    static func readOpen(_ node: Node, path: String, reader: inout YAMLReader) -> EstateChange.Kind? {
        guard let pairs = reader.mapping(node, path, allowed: openKeys) else { return nil }
        var values: [String: Node] = [:]
        for (key, value) in pairs { values[key] = value }
        for required in ["code", "name", "location", "sex", "age_group", "categories", "function", "operational_capacity", "cna"]
        where values[required] == nil {
            reader.add(node, "\(path).\(required)", .missing)
        }
        let code = values["code"].flatMap { reader.string($0, "\(path).code") }
        let name = values["name"].flatMap { reader.string($0, "\(path).name") }
        let location = values["location"].flatMap { readLocation($0, path: "\(path).location", reader: &reader) }
        let sex = values["sex"].flatMap { choice($0, "\(path).sex", EstablishmentSex.self, reader: &reader) }
        let age = values["age_group"].flatMap { choice($0, "\(path).age_group", EstablishmentAgeGroup.self, reader: &reader) }
        let categories = values["categories"].flatMap { flags($0, "\(path).categories", names: SecurityProvision.names, reader: &reader) }
        let functions = values["function"].flatMap { flags($0, "\(path).function", names: Functions.names, reader: &reader) }
        let capacity = values["operational_capacity"].flatMap { reader.int($0, "\(path).operational_capacity", in: 0...20_000) }
        let cna = values["cna"].flatMap { reader.int($0, "\(path).cna", in: 0...20_000) }
        let region = values["region"].flatMap { reader.string($0, "\(path).region") }
        var cohort: Cohort?
        if let node = values["cohort_only"], let text = reader.string(node, "\(path).cohort_only"), text != "none" {
            cohort = Cohort(rawValue: text)
            if cohort == nil { reader.add(node, "\(path).cohort_only", .unknown(text, expected: ["none"] + Cohort.allCases.map(\.rawValue))) }
        }
        let offers = values["interventions"].flatMap { interventions($0, "\(path).interventions", reader: &reader) } ?? []
        if let code, !EstateLoader.isAgencyCode(code) {
            reader.add(values["code"]!, "\(path).code", .malformed(code, expected: "a code of up to 8 capital letters or digits"))
            return nil
        }
        guard let code, let name, let location, let sex, let age, let categories, let functions, let capacity, let cna else { return nil }
        return .open(NewEstablishment(
            code: PrisonCode(code), name: name, location: location, sex: sex, ageGroup: age, categories: categories,
            functions: functions, operationalCapacity: capacity, cna: cna, region: region, cohortOnly: cohort,
            interventions: offers))
    }

    static func readLocation(_ node: Node, path: String, reader: inout YAMLReader) -> Location? {
        guard let pairs = reader.mapping(node, path, allowed: ["latitude", "longitude", "lad", "postcode_district"]) else { return nil }
        var values: [String: Node] = [:]
        for (key, value) in pairs { values[key] = value }
        if let lad = values["lad"] {
            return reader.string(lad, "\(path).lad").map { .localAuthority(LADCode($0)) }
        }
        if let district = values["postcode_district"] {
            return reader.string(district, "\(path).postcode_district").map { .postcodeDistrict($0.uppercased()) }
        }
        guard let lat = values["latitude"], let lon = values["longitude"] else {
            reader.add(node, path, .inconsistent("give latitude and longitude, or lad, or postcode_district"))
            return nil
        }
        let latitude = reader.double(lat, "\(path).latitude", in: GreatBritain.latitude, hint: GreatBritain.hint)
        let longitude = reader.double(lon, "\(path).longitude", in: GreatBritain.longitude, hint: GreatBritain.hint)
        guard let latitude, let longitude else { return nil }
        return .coordinates(latitude: latitude, longitude: longitude)
    }

    static func flags<T: OptionSet>(_ node: Node, _ path: String, names: [(String, T)], reader: inout YAMLReader) -> T? where T.Element == T {
        guard let text = reader.string(node, path) else { return nil }
        var result: T = []
        for part in text.splitList() {
            guard let flag = names.first(where: { $0.0 == part })?.1 else {
                reader.add(node, path, .unknown(part, expected: names.map(\.0)), hint: "separate several values with ';'")
                return nil
            }
            result.insert(flag)
        }
        if result.isEmpty {
            reader.add(node, path, .empty)
            return nil
        }
        return result
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, _ type: T.Type, reader: inout YAMLReader) -> T? where T.RawValue == String {
        guard let text = reader.string(node, path) else { return nil }
        guard let value = T(rawValue: text) else {
            reader.add(node, path, .unknown(text, expected: T.allCases.map(\.rawValue)))
            return nil
        }
        return value
    }

    static func interventions(_ node: Node, _ path: String, reader: inout YAMLReader) -> [InterventionOffer]? {
        guard let text = reader.string(node, path) else { return nil }
        var offers: [InterventionOffer] = []
        for part in text.splitList() {
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                .map { String($0).trimmingWhitespace() }
            guard EstateLoader.isInterventionName(pieces[0]) else {
                reader.add(node, path, .malformed(pieces[0], expected: "a programme name in lower case letters, digits and '_'"))
                return nil
            }
            var places: Int?
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), (0...EstateLoader.maxPlaces).contains(value) else {
                    reader.add(node, path, .malformed(pieces[1], expected: "a number of places (0 to \(EstateLoader.maxPlaces))"),
                               hint: "write name:places, e.g. horizon:40")
                    return nil
                }
                places = value
            }
            offers.append(InterventionOffer(name: pieces[0], places: places))
        }
        return offers.sorted { $0.name < $1.name }
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1900...2200).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }
}
