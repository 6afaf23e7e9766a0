import HomewardDomain
import Yams

/// The published aggregates (and documented estimates) that the synthetic
/// population is drawn from; read from `Estate/population-calibration.yaml`,
/// where every figure carries its basis and source.
public struct Calibration: Sendable, Equatable {
    public struct Band: Sendable, Equatable {
        public var minDays: Int
        public var maxDays: Int
        public var share: Double
    }

    public struct AgeBand: Sendable, Equatable {
        public var min: Int
        public var max: Int
        public var share: Double
    }

    public var femaleShare: Double
    public var remandShareMale: Double
    public var remandShareFemale: Double
    public var remandCategoryAShare: Double
    /// Determinate, indeterminate, recall shares of the sentenced.
    public var sentencedMixMale: (determinate: Double, indeterminate: Double, recall: Double)
    public var sentencedMixFemale: (determinate: Double, indeterminate: Double, recall: Double)
    public var bandsMale: [Band]
    public var bandsFemale: [Band]
    public var bandsSexualOffence: [Band]
    public var custodialFractionUnder4: Double
    public var custodialFraction4to10: Double
    public var custodialFraction10Plus: Double
    public var recallFixedTermShare: Double
    public var recallFixedTermDays: Int
    public var recallStandardMaxDays: Int
    public var tariffMedianYears: Double
    public var postTariffShare: Double
    public var reviewDaysMax: Int
    public var ageBands: [AgeBand]
    public var categoryA: Double
    public var categoryB: Double
    public var categoryD: Double
    public var categoryDMaxDays: Int
    public var femaleOpen: Double
    public var foreignNationalMaleRemand: Double
    public var foreignNationalMaleSentenced: Double
    public var foreignNationalFemale: Double
    public var sexualOffenceShare: Double
    public var sexualOffence50PlusShare: Double
    public var sexualOffenceNeedShare: Double
    public var sexualOffenceProgrammes: [(name: String, share: Double)]
    public var generalNeedShare: Double
    public var generalProgramme: String
    public var generalNeedMinSentenceDays: Int
    public var regionMultipliers: [String: Double]
    public var localityKm: Double
    public var outOfAreaShare: Double
    public var suitableFunctionWeight: Double
    public var homeRegionWeight: Double

    public static func == (lhs: Calibration, rhs: Calibration) -> Bool {
        CalibrationLoader.fingerprint(lhs) == CalibrationLoader.fingerprint(rhs)
    }
}

/// Reads `population-calibration.yaml`. Every figure must have a value, a
/// basis (PUB, DERIVED or EST) and a source; unknown keys are errors.
public enum CalibrationLoader {
    /// The file's sections, all of them required.
    static let sections = ["sex", "remand_share", "remand_category_a_share", "sentenced_mix", "determinate_bands",
                           "custodial_fraction", "recall", "indeterminate", "age_bands", "category", "foreign_national",
                           "sexual_offence", "needs", "home_region_multiplier", "placement"]

    /// Parses a calibration file.
    /// - Throws: ``InputErrors`` with line, column and key for every problem.
    public static func load(_ text: String, file: String) throws(InputErrors) -> Calibration {
        var reader = YAMLReader(file: file)
        guard let root = reader.parse(text) else { throw InputErrors(reader.errors.errors) }
        var c = Calibration.placeholder
        guard let pairs = reader.mapping(root, "", allowed: sections) else { throw InputErrors(reader.errors.errors) }
        for (key, node) in pairs {
            readSection(key, node, &c, &reader)
        }
        checkComplete(c, given: Set(pairs.map(\.key)), &reader)
        try reader.errors.throwIfAny()
        return c
    }

    /// Reads the section `key` into `c`.
    static func readSection(_ key: String, _ node: Node, _ c: inout Calibration, _ reader: inout YAMLReader) {
        switch key {
        case "sex":
            read(node, key, into: &c, ["female_share": { $0.femaleShare = $1 }], &reader, range: 0...1)
        case "remand_share":
            read(node, key, into: &c, ["male": { $0.remandShareMale = $1 }, "female": { $0.remandShareFemale = $1 }], &reader, range: 0...1)
        case "remand_category_a_share":
            if let v = entry(node, key, &reader, range: 0...1) { c.remandCategoryAShare = v }
        case "sentenced_mix": readSentencedMix(node, key, &c, &reader)
        case "determinate_bands": readDeterminateBands(node, key, &c, &reader)
        case "custodial_fraction":
            read(node, key, into: &c, [
                "under_four_years": { $0.custodialFractionUnder4 = $1 },
                "four_to_ten_years": { $0.custodialFraction4to10 = $1 },
                "ten_years_and_over": { $0.custodialFraction10Plus = $1 },
            ], &reader, range: 0.01...1)
        case "recall": readRecall(node, key, &c, &reader)
        case "indeterminate":
            read(node, key, into: &c, [
                "tariff_median_years": { $0.tariffMedianYears = $1 },
                "post_tariff_share": { $0.postTariffShare = $1 },
                "review_days_max": { $0.reviewDaysMax = Int($1) },
            ], &reader)
        case "age_bands": readAgeBands(node, key, &c, &reader)
        case "category": readCategory(node, key, &c, &reader)
        case "foreign_national":
            read(node, key, into: &c, [
                "male_remand": { $0.foreignNationalMaleRemand = $1 },
                "male_sentenced": { $0.foreignNationalMaleSentenced = $1 },
                "female": { $0.foreignNationalFemale = $1 },
            ], &reader, range: 0...1)
        case "sexual_offence":
            read(node, key, into: &c, [
                "sentenced_men_share": { $0.sexualOffenceShare = $1 },
                "sentenced_men_50_plus_share": { $0.sexualOffence50PlusShare = $1 },
            ], &reader, range: 0...1)
        case "needs": readNeeds(node, key, &c, &reader)
        case "home_region_multiplier": readRegionMultipliers(node, key, &c, &reader)
        case "placement":
            read(node, key, into: &c, [
                "locality_km": { $0.localityKm = $1 }, "out_of_area_share": { $0.outOfAreaShare = $1 },
                "suitable_function_weight": { $0.suitableFunctionWeight = $1 },
                "home_region_weight": { $0.homeRegionWeight = $1 },
            ], &reader, range: 0...10_000)
        default: break
        }
    }

    /// Checks across sections: every section given, every group of sentence bands given, and the shares of each
    /// group of bands and of the age bands adding up to 1.
    static func checkComplete(_ c: Calibration, given: Set<String>, _ reader: inout YAMLReader) {
        for key in sections where !given.contains(key) {
            reader.errors.add(field: key, .missing, hint: "the calibration file must give every section")
        }
        let bandSets = [("male", c.bandsMale), ("female", c.bandsFemale), ("sexual_offence", c.bandsSexualOffence)]
        for (name, bands) in bandSets where bands.isEmpty && given.contains("determinate_bands") {
            reader.errors.add(field: "determinate_bands.\(name)", .missing, hint: "give at least one band of sentence lengths")
        }
        for (name, bands) in bandSets where !bands.isEmpty {
            let total = bands.reduce(0) { $0 + $1.share }
            if abs(total - 1) > 0.005 {
                reader.errors.add(field: "determinate_bands.\(name)", .inconsistent("shares add up to \(Format.fixed(total, 3)), not 1"))
            }
        }
        let ageTotal = c.ageBands.reduce(0) { $0 + $1.share }
        if abs(ageTotal - 1) > 0.005 {
            reader.errors.add(field: "age_bands", .inconsistent("shares add up to \(Format.fixed(ageTotal, 3)), not 1"))
        }
    }

    /// Reads a mapping whose every key is an entry `{value, basis, source}`, setting each figure in `target`.
    static func read<Target>(_ node: Node, _ path: String, into target: inout Target,
                             _ setters: [String: (inout Target, Double) -> Void], _ reader: inout YAMLReader,
                             range: ClosedRange<Double> = 0...100_000) {
        guard let pairs = reader.mapping(node, path, allowed: setters.keys.sorted()) else { return }
        for (key, value) in pairs {
            if let number = entry(value, "\(path).\(key)", &reader, range: range) { setters[key]!(&target, number) }
        }
        for key in setters.keys.sorted() where !pairs.contains(where: { $0.key == key }) {
            reader.add(node, "\(path).\(key)", .missing)
        }
    }

    /// `sentenced_mix`: the shares of determinate, indeterminate and recall among sentenced men and women.
    static func readSentencedMix(_ node: Node, _ path: String, _ c: inout Calibration, _ reader: inout YAMLReader) {
        guard let sexes = reader.mapping(node, path, allowed: ["male", "female"]) else { return }
        for (sex, mixNode) in sexes {
            var mix = (determinate: 0.0, indeterminate: 0.0, recall: 0.0)
            read(mixNode, "\(path).\(sex)", into: &mix, [
                "determinate": { $0.determinate = $1 }, "indeterminate": { $0.indeterminate = $1 },
                "recall": { $0.recall = $1 },
            ], &reader, range: 0...1)
            if sex == "male" { c.sentencedMixMale = mix } else { c.sentencedMixFemale = mix }
        }
    }

    /// `determinate_bands`: the bands of sentence length for men, for women and for sexual offences.
    static func readDeterminateBands(_ node: Node, _ path: String, _ c: inout Calibration, _ reader: inout YAMLReader) {
        guard let groups = reader.mapping(node, path, allowed: ["male", "female", "sexual_offence"]) else { return }
        for (name, list) in groups {
            let bands = bandList(list, "\(path).\(name)", &reader)
            switch name {
            case "male": c.bandsMale = bands
            case "female": c.bandsFemale = bands
            default: c.bandsSexualOffence = bands
            }
        }
    }

    /// `recall`: the fixed-term share and the days held on fixed-term and standard recalls.
    static func readRecall(_ node: Node, _ path: String, _ c: inout Calibration, _ reader: inout YAMLReader) {
        read(node, path, into: &c, [
            "fixed_term_share": { $0.recallFixedTermShare = $1 },
            "fixed_term_days": { $0.recallFixedTermDays = Int($1) },
            "standard_max_days": { $0.recallStandardMaxDays = Int($1) },
        ], &reader, range: 0...40_000)
        if c.recallFixedTermShare > 1 || c.recallFixedTermDays < 1 || c.recallStandardMaxDays < 1 {
            reader.add(node, path, .inconsistent("fixed_term_share must be 0 to 1 and fixed_term_days and standard_max_days at least 1"))
        }
    }

    /// `age_bands`: a list of `{min, max, share}` with provenance.
    static func readAgeBands(_ node: Node, _ path: String, _ c: inout Calibration, _ reader: inout YAMLReader) {
        guard let items = reader.sequence(node, path) else { return }
        c.ageBands = []
        for (i, item) in items.enumerated() {
            let p = "\(path)[\(i + 1)]"
            guard let fields = reader.mapping(item, p, allowed: ["min", "max", "share", "basis", "source"]) else { continue }
            let values = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            checkProvenance(item, p, values, &reader)
            guard let lo = values["min"].flatMap({ reader.int($0, "\(p).min", in: 18...110) }),
                  let hi = values["max"].flatMap({ reader.int($0, "\(p).max", in: 18...110) }),
                  let share = values["share"].flatMap({ reader.double($0, "\(p).share", in: 0...1) }) else {
                reader.add(item, p, .inconsistent("each age band needs min, max and share"))
                continue
            }
            if lo > hi { reader.add(item, p, .inconsistent("min is above max")) }
            c.ageBands.append(Calibration.AgeBand(min: lo, max: hi, share: share))
        }
    }

    /// `category`: the shares of men in categories A, B and D, of women in open conditions, and the open window.
    static func readCategory(_ node: Node, _ path: String, _ c: inout Calibration, _ reader: inout YAMLReader) {
        read(node, path, into: &c, [
            "male_a": { $0.categoryA = $1 }, "male_b": { $0.categoryB = $1 }, "male_d": { $0.categoryD = $1 },
            "d_max_days_to_release": { $0.categoryDMaxDays = Int($1) }, "female_open": { $0.femaleOpen = $1 },
        ], &reader)
        if [c.categoryA, c.categoryB, c.categoryD, c.femaleOpen].contains(where: { $0 > 1 }) || c.categoryA + c.categoryB + c.categoryD > 1 {
            reader.add(node, path, .inconsistent("category shares must each be 0 to 1 and the men's must add up to at most 1"))
        }
    }

    /// `home_region_multiplier`: a list of `{region, value}` with provenance.
    static func readRegionMultipliers(_ node: Node, _ path: String, _ c: inout Calibration, _ reader: inout YAMLReader) {
        guard let items = reader.sequence(node, path) else { return }
        c.regionMultipliers = [:]
        for (i, item) in items.enumerated() {
            let p = "\(path)[\(i + 1)]"
            guard let fields = reader.mapping(item, p, allowed: ["region", "value", "basis", "source"]) else { continue }
            let values = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            checkProvenance(item, p, values, &reader)
            if let region = values["region"].flatMap({ reader.string($0, "\(p).region") }),
               let value = values["value"].flatMap({ reader.double($0, "\(p).value", in: 0...10) }) {
                c.regionMultipliers[region] = value
            }
        }
    }

    /// One figure with its provenance.
    static func entry(_ node: Node, _ path: String, _ reader: inout YAMLReader, range: ClosedRange<Double> = 0...100_000) -> Double? {
        guard let pairs = reader.mapping(node, path, allowed: ["value", "basis", "source"]) else { return nil }
        let values = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        checkProvenance(node, path, values, &reader)
        guard let valueNode = values["value"] else {
            reader.add(node, "\(path).value", .missing)
            return nil
        }
        return reader.double(valueNode, "\(path).value", in: range)
    }

    static func checkProvenance(_ node: Node, _ path: String, _ values: [String: Node], _ reader: inout YAMLReader) {
        if let basis = values["basis"] {
            if let text = reader.string(basis, "\(path).basis"), !["PUB", "DERIVED", "EST"].contains(text) {
                reader.add(basis, "\(path).basis", .unknown(text, expected: ["PUB", "DERIVED", "EST"]))
            }
        } else {
            reader.add(node, "\(path).basis", .missing, hint: "say whether the figure is published (PUB), derived (DERIVED) or an estimate (EST)")
        }
        if let source = values["source"] {
            if let text = reader.string(source, "\(path).source"), text.trimmingWhitespace().isEmpty {
                reader.add(source, "\(path).source", .empty)
            }
        } else {
            reader.add(node, "\(path).source", .missing, hint: "every figure needs a source")
        }
    }

    static func bandList(_ node: Node, _ path: String, _ reader: inout YAMLReader) -> [Calibration.Band] {
        guard let items = reader.sequence(node, path) else { return [] }
        var bands: [Calibration.Band] = []
        for (i, item) in items.enumerated() {
            let p = "\(path)[\(i + 1)]"
            guard let fields = reader.mapping(item, p, allowed: ["min_days", "max_days", "share", "basis", "source"]) else { continue }
            let values = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            checkProvenance(item, p, values, &reader)
            guard let lo = values["min_days"].flatMap({ reader.int($0, "\(p).min_days", in: 1...40_000) }),
                  let hi = values["max_days"].flatMap({ reader.int($0, "\(p).max_days", in: 1...40_000) }),
                  let share = values["share"].flatMap({ reader.double($0, "\(p).share", in: 0...1) }) else {
                reader.add(item, p, .inconsistent("each band needs min_days, max_days and share"))
                continue
            }
            if lo > hi { reader.add(item, p, .inconsistent("min_days is above max_days")) }
            bands.append(Calibration.Band(minDays: lo, maxDays: hi, share: share))
        }
        return bands
    }

    static func readNeeds(_ node: Node, _ path: String, _ c: inout Calibration, _ reader: inout YAMLReader) {
        let keys = ["sexual_offence_share", "sexual_offence_programmes", "general_share", "general_programme",
                    "general_min_sentence_days"]
        guard let pairs = reader.mapping(node, path, allowed: keys) else { return }
        for (key, value) in pairs {
            let p = "\(path).\(key)"
            switch key {
            case "sexual_offence_share": if let v = entry(value, p, &reader) { c.sexualOffenceNeedShare = v }
            case "general_share": if let v = entry(value, p, &reader) { c.generalNeedShare = v }
            case "general_min_sentence_days": if let v = entry(value, p, &reader) { c.generalNeedMinSentenceDays = Int(v) }
            case "general_programme":
                guard let fields = reader.mapping(value, p, allowed: ["name", "basis", "source"]) else { continue }
                let values = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
                checkProvenance(value, p, values, &reader)
                if let name = values["name"].flatMap({ reader.string($0, "\(p).name") }) { c.generalProgramme = name }
            default:
                guard let items = reader.sequence(value, p) else { continue }
                c.sexualOffenceProgrammes = []
                for (i, item) in items.enumerated() {
                    let ip = "\(p)[\(i + 1)]"
                    guard let fields = reader.mapping(item, ip, allowed: ["name", "share", "basis", "source"]) else { continue }
                    let values = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
                    checkProvenance(item, ip, values, &reader)
                    if let name = values["name"].flatMap({ reader.string($0, "\(ip).name") }),
                       let share = values["share"].flatMap({ reader.double($0, "\(ip).share", in: 0...1) }) {
                        c.sexualOffenceProgrammes.append((name, share))
                    }
                }
            }
        }
    }

    /// A text form of every value, for equality.
    static func fingerprint(_ c: Calibration) -> String {
        "\(c.femaleShare)|\(c.remandShareMale)|\(c.remandShareFemale)|\(c.remandCategoryAShare)|\(c.sentencedMixMale)|"
            + "\(c.sentencedMixFemale)|\(c.bandsMale)|\(c.bandsFemale)|\(c.bandsSexualOffence)|\(c.custodialFractionUnder4)|"
            + "\(c.custodialFraction4to10)|\(c.custodialFraction10Plus)|\(c.recallFixedTermShare)|\(c.recallFixedTermDays)|"
            + "\(c.recallStandardMaxDays)|\(c.tariffMedianYears)|\(c.postTariffShare)|\(c.reviewDaysMax)|\(c.ageBands)|"
            + "\(c.categoryA)|\(c.categoryB)|\(c.categoryD)|\(c.categoryDMaxDays)|\(c.femaleOpen)|"
            + "\(c.foreignNationalMaleRemand)|\(c.foreignNationalMaleSentenced)|\(c.foreignNationalFemale)|"
            + "\(c.sexualOffenceShare)|\(c.sexualOffence50PlusShare)|\(c.sexualOffenceNeedShare)|"
            + "\(c.sexualOffenceProgrammes.map { "\($0.name)=\($0.share)" })|\(c.generalNeedShare)|\(c.generalProgramme)|"
            + "\(c.generalNeedMinSentenceDays)|\(c.regionMultipliers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })|"
            + "\(c.localityKm)|\(c.outOfAreaShare)|\(c.suitableFunctionWeight)|\(c.homeRegionWeight)"
    }
}

extension Calibration {
    /// Zeroes, overwritten by the loader (which requires every section).
    static let placeholder = Calibration(
        femaleShare: 0, remandShareMale: 0, remandShareFemale: 0, remandCategoryAShare: 0,
        sentencedMixMale: (1, 0, 0), sentencedMixFemale: (1, 0, 0), bandsMale: [], bandsFemale: [], bandsSexualOffence: [],
        custodialFractionUnder4: 0.5, custodialFraction4to10: 0.5, custodialFraction10Plus: 0.5, recallFixedTermShare: 0,
        recallFixedTermDays: 28, recallStandardMaxDays: 365, tariffMedianYears: 10, postTariffShare: 0, reviewDaysMax: 365,
        ageBands: [], categoryA: 0, categoryB: 0, categoryD: 0, categoryDMaxDays: 1096, femaleOpen: 0,
        foreignNationalMaleRemand: 0, foreignNationalMaleSentenced: 0, foreignNationalFemale: 0, sexualOffenceShare: 0,
        sexualOffence50PlusShare: 0, sexualOffenceNeedShare: 0, sexualOffenceProgrammes: [], generalNeedShare: 0,
        generalProgramme: "building_choices", generalNeedMinSentenceDays: 365, regionMultipliers: [:], localityKm: 60,
        outOfAreaShare: 0, suitableFunctionWeight: 1, homeRegionWeight: 1)
}

extension Calibration {
    /// The days a determinate sentence of `days` keeps a person in custody: the sentence times the custodial
    /// fraction of its length band (`custodial_fraction`: SDS40 under four years, half to ten, two thirds beyond).
    public func custodyDays(forSentence days: Int) -> Int {
        let fraction = days < 1461 ? custodialFractionUnder4 : (days < 3653 ? custodialFraction4to10 : custodialFraction10Plus)
        return max(1, Int((Double(days) * fraction).rounded()))
    }
}
