import HomewardCore

/// The fuzzer's bytes as a stream of choices (zeros once they run out), so
/// that libFuzzer's coverage guidance steers the generator.
struct Choices {
    let bytes: [UInt8]
    var position = 0

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    mutating func below(_ bound: Int) -> Int {
        bound <= 1 ? 0 : Int(UInt16(byte()) << 8 | UInt16(byte())) % bound
    }

    mutating func chance(_ sixteenths: Int) -> Bool { Int(byte() & 15) < sixteenths }

    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

/// Small estates, populations and policies written as the files a user
/// would write, mostly valid, sometimes with one bad value; then loaded,
/// allocated and checked (``Model/check``).
enum Generated {
    static let regions = ["North East", "East of England", "North West", "West Midlands", "London", "Wales"]
    static let lads = ["E06000001", "E07000240", "E08000003", "E08000025", "E09000033", "W06000015"]
    static let coordinates: [(Double, Double)] = [
        (54.68, -1.27), (51.77, -0.34), (53.47, -2.23), (52.48, -1.88), (51.51, -0.15), (51.50, -3.22),
    ]
    /// Values that a loader must refuse or survive, for the rare bad field.
    static let oddities = [
        "", "-1", "NaN", "nan", "inf", "-inf", "1e308", "99999999999999999999", "0x10", "1_000", " 5", "5 ", "+5",
        "١٢", "５", "\u{FEFF}5", "e\u{301}", "\"", "a,b", "0.5", "-0", "9223372036854775807", "-9223372036854775808",
    ]

    static func run(_ bytes: [UInt8]) -> Bool {
        var c = Choices(bytes: bytes)
        let (estateText, count) = estate(&c)
        let codes = (0..<count).map { "G\($0)" }
        let populationText = population(&c, codes: codes)
        let policyText = policy(&c)
        if Fuzz.verbose { print("--- estate.csv\n\(estateText)--- population.csv\n\(populationText)--- policy.yaml\n\(policyText)---") }
        let estate: Estate
        let population: Population
        let policy: Policy
        do {
            estate = try EstateLoader.load(estateText, file: "estate.csv")
        } catch {
            Oracles.wellFormed(error, file: "estate.csv", text: estateText)
            return false
        }
        Oracles.estateRoundTrip(estate)
        do {
            population = try PopulationLoader.load(populationText, file: "population.csv", geography: Fixtures.geography, estate: estate)
        } catch {
            Oracles.wellFormed(error, file: "population.csv", text: populationText)
            return false
        }
        Oracles.populationRoundTrip(population, estate: estate)
        do {
            policy = try PolicyLoader.load(policyText, file: "policy.yaml")
        } catch {
            Oracles.wellFormed(error, file: "policy.yaml", text: policyText)
            return false
        }
        Oracles.policyRoundTrip(policy)
        Model.check(estate: estate, population: population, policy: policy)
        return true
    }

    /// A value, or (rarely) an odd one.
    static func field(_ value: String, _ c: inout Choices) -> String {
        c.byte() == 0xFF ? c.pick(oddities) : value
    }

    static func estate(_ c: inout Choices) -> (text: String, count: Int) {
        var lines = [EstateLoader.requiredColumns.joined(separator: ",") + ",cohort_only,interventions"]
        let count = 1 + c.below(6)
        for i in 0..<count {
            let place = c.below(coordinates.count)
            let female = c.chance(3)
            let functionsList = ["reception", "training", "resettlement", "open", "high-security", "foreign-national",
                                 "reception;resettlement", "training;open"]
            let functions = c.pick(functionsList)
            let categories: String
            if female {
                categories = c.pick(["women-closed", "women-open", "women-closed;women-open"])
            } else {
                categories = c.pick(["A", "B", "C", "D", "A;B", "B;C", "C;D"])
            }
            let capacity = c.below(6)
            let cna = c.below(capacity + 1)
            let age = c.pick(["adult", "YOI", "mixed", "mixed", "adult"])
            let cohort = c.chance(2) ? c.pick(["sexual_offence", "foreign_national", "none"]) : ""
            var offers: [String] = []
            if c.chance(5) { offers.append(c.chance(8) ? "horizon:\(c.below(3))" : "horizon") }
            if c.chance(4) { offers.append("building_choices") }
            let (lat, lon) = coordinates[place]
            let fields = [
                field("G\(i)", &c), "Site \(i)", "public", field(female ? "female" : "male", &c), field(age, &c),
                field(categories, &c), field(functions, &c), field(String(capacity), &c), field(String(cna), &c),
                field(String(lat + Double(c.below(50)) / 100), &c), field(String(lon + Double(c.below(50)) / 100), &c),
                "AB1 2CD", field(regions[place], &c), "FUZZ", field(cohort, &c), field(offers.joined(separator: ";"), &c),
            ]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return (lines.joined(separator: "\n") + "\n", count)
    }

    static func population(_ c: inout Choices, codes: [String]) -> String {
        var lines = [PopulationLoader.columns.joined(separator: ",")]
        let count = 1 + c.below(12)
        for i in 0..<count {
            let female = c.chance(3)
            let remand = c.chance(4)
            let category = female ? c.pick(["closed", "open"]) : (remand ? "B" : c.pick(["A", "B", "C", "C", "D"]))
            var cohorts: [String] = []
            if c.chance(4) { cohorts.append("sexual_offence") }
            if c.chance(4) { cohorts.append("foreign_national") }
            if c.chance(2) { cohorts.append(c.pick(["indeterminate", "recall"])) }
            let age = c.chance(3) ? 18 + c.below(4) : 22 + c.below(60)
            if age >= 50 { cohorts.append("older") }
            let sentence = 1 + c.below(5000)
            let toRelease = c.below(sentence + 1)
            let needs = c.chance(5) ? c.pick(["horizon", "building_choices", "horizon;building_choices"]) : ""
            let current = c.chance(11) ? codes[c.below(codes.count)] : ""
            let fields = [
                field(String(format3(i)), &c), field(female ? "female" : "male", &c), field(String(age), &c),
                field(lads[c.below(lads.count)], &c), field(remand ? "remand" : "sentenced", &c), field(category, &c),
                field(remand ? "" : String(sentence), &c), field(remand ? "" : String(toRelease), &c), field(current, &c),
                field(cohorts.joined(separator: ";"), &c), field(needs, &c),
            ]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format3(_ i: Int) -> String {
        let digits = String(i)
        return "Q" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    static func policy(_ c: inout Choices) -> String {
        let weights = ["0", "1", "2.5", "10", "60", "150", "1000", "100000", "1000000"]
        var lines: [String] = []
        if c.chance(10) {
            lines.append("weights:")
            lines.append("  family_distance_per_km: {remand: \(c.pick(weights)), training: \(c.pick(weights)), resettlement: \(c.pick(weights))}")
            lines.append("  move: \(field(c.pick(weights), &c))")
            lines.append("  crowding_above_cna: \(c.pick(weights))")
            lines.append("  over_security_per_step: \(c.pick(weights))")
            lines.append("  unmet_intervention: \(c.pick(weights))")
            lines.append("  out_of_home_region: \(c.pick(weights))")
            lines.append("  function_mismatch: \(c.pick(weights))")
            lines.append("  unplaced: \(c.pick(["1", "100", "5000", "100000", "100000000"]))")
        }
        if c.chance(6) {
            lines.append("stages: {short_sentence_max_days: \(c.below(800)), pre_release_days: \(c.below(800)), resettlement_days: \(c.below(400))}")
        }
        if c.chance(6) {
            let low = c.below(40)
            lines.append("rules:")
            lines.append("  min_days_in_resettlement_prison: \(c.below(100))")
            lines.append("  foreign_national_hub_months: \(c.chance(4) ? "null" : "[\(low), \(low + c.below(100))]")")
            lines.append("  open_category_in_closed_conditions: \(c.chance(8))")
            lines.append("  operating_margin_percent: \(field(String(c.below(51)), &c))")
        }
        if c.chance(3) { lines.append("moves_limit: \(c.below(8))") }
        if c.chance(4) { lines.append("distance: {circuity_factor: \(1 + Double(c.below(200)) / 100)}") }
        return lines.isEmpty ? "{}\n" : lines.joined(separator: "\n") + "\n"
    }
}
