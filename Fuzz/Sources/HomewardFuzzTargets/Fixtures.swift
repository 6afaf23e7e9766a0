import HomewardCore
import HomewardReports

/// Small, valid inputs that the fuzzed files are read against (a population
/// needs a geography and an estate; a distance matrix needs both).
enum Fixtures {
    /// Six real local authority districts (ONS, May 2024 boundaries), one per region used below.
    static let geographyCSV = """
        lad_code,lad_name,region_code,region_name,country,population_mid2023,latitude,longitude
        E06000001,Hartlepool,E12000001,North East,England,95366,54.6761,-1.27017
        E07000240,St Albans,E12000006,East of England,England,148755,51.7736,-0.3407
        E08000003,Manchester,E12000002,North West,England,579917,53.4701,-2.23359
        E08000025,Birmingham,E12000005,West Midlands,England,1166049,52.484,-1.88141
        E09000033,Westminster,E12000007,London,England,211508,51.5122,-0.15295
        W06000015,Cardiff,W92000004,Wales,Wales,383536,51.5025,-3.22209

        """

    /// Seven establishments: men's A/B/C/D, women's closed and open, a young adults' site, a children's site.
    static let estateCSV = """
        code,name,operator,sex,age_group,categories,function,operational_capacity,cna,latitude,longitude,postcode,region,source,cohort_only,interventions
        AAA,HMP Alpha,public,male,adult,A;B,high-security,6,5,54.60,-1.30,TS1 1AA,North East,FUZZ,,horizon:2
        BBB,HMP Beta,public,male,mixed,B,reception,5,4,53.48,-2.25,M1 1AA,North West,FUZZ,,building_choices
        CCC,HMP Gamma,private,male,adult,C,training;resettlement,6,6,52.50,-1.90,B1 1AA,West Midlands,FUZZ,sexual_offence,horizon
        DDD,HMP Delta,public,male,adult,D,open,4,4,51.78,-0.35,AL1 1AA,East of England,FUZZ,,
        EEE,HMP Epsilon,public,female,mixed,women-closed;women-open,reception;resettlement,4,3,51.51,-0.16,SW1A 1AA,London,FUZZ,,
        FFF,HMP Foxtrot,public,male,YOI,B;C,reception;training,3,3,51.50,-3.20,CF10 1AA,Wales,FUZZ,,
        KKK,Kappa STC,private,male,juvenile,children-closed,children,,,51.60,-3.10,CF11 1AA,Wales,FUZZ,,

        """

    /// A few postcode districts, for `open` changes located by district.
    static let postcodeCSV = """
        district,latitude,longitude,lad_code,source
        CF10,51.47,-3.17,W06000015,FUZZ
        M1,53.48,-2.23,E08000003,FUZZ
        B1,52.48,-1.90,E08000025,FUZZ

        """

    /// One person per kind, held today or awaiting a place.
    static let populationCSV = """
        id,sex,age,home_lad,legal_status,category,sentence_days,days_to_release,current,cohorts,needs
        P001,male,30,E08000003,remand,B,,,BBB,,
        P002,male,45,E08000025,sentenced,C,2000,900,CCC,sexual_offence,horizon
        P003,male,22,W06000015,sentenced,C,400,200,FFF,,building_choices
        P004,female,35,E09000033,sentenced,closed,700,100,EEE,foreign_national,
        P005,male,60,E07000240,sentenced,D,3000,300,DDD,older,
        P006,male,40,E06000001,sentenced,A,9000,6000,AAA,indeterminate,horizon
        P007,male,33,E08000003,sentenced,B,900,800,,recall,

        """

    static let geography: Geography = {
        do { return try GeographyLoader.load(geographyCSV, file: "fixture-geography.csv") } catch { fatalError("fixture: \(error)") }
    }()

    static let estate: Estate = {
        do { return try EstateLoader.load(estateCSV, file: "fixture-estate.csv") } catch { fatalError("fixture: \(error)") }
    }()

    static let postcodes: [PostcodeDistrict] = {
        do { return try PostcodeDistrictLoader.load(postcodeCSV, file: "fixture-postcodes.csv") } catch { fatalError("fixture: \(error)") }
    }()

    static let population: Population = {
        do {
            return try PopulationLoader.load(populationCSV, file: "fixture-population.csv", geography: geography, estate: estate)
        } catch { fatalError("fixture: \(error)") }
    }()

    /// The fixture population's optimal plan, as `plan.csv` text, for the plan checker target.
    static let planCSV: String = {
        let policy = Policy.standard
        let distances = DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor)
        do {
            let allocation = try Allocation(estate: estate, geography: geography, population: population, policy: policy,
                                            distances: distances)
            return PlanWriter.csv(allocation)
        } catch { fatalError("fixture: \(error)") }
    }()
}

extension Fuzz {
    /// Seed inputs built from the fixtures (`homeward-fuzz --write-seeds DIR`); the corpus's other seeds are cut from
    /// the real files in Estate/ and Scenarios/.
    public static func fixtureSeeds() -> [(name: String, bytes: [UInt8])] {
        let policy = "weights:\n  move: 60\n  crowding_above_cna: 25\nmoves_limit: 3\n"
        let changes = """
            name: fuzz
            question: what if?
            estate: estate.csv
            population: {file: population.csv}
            changes:
              - close: {establishment: DDD}
              - capacity: {establishment: BBB, operational_capacity: 9, cna: 8}
              - rerole: {establishment: CCC, function: resettlement, cohort_only: none}
              - open:
                  code: NEW
                  name: New build
                  location: {postcode_district: CF10}
                  sex: male
                  age_group: adult
                  categories: C;D
                  function: resettlement
                  operational_capacity: 4
                  cna: 4

            """
        let seeds: [(String, String)] = [
            ("fixture-estate", "E" + Fixtures.estateCSV),
            ("fixture-population", "P" + Fixtures.populationCSV),
            ("fixture-geography", "G" + Fixtures.geographyCSV),
            ("fixture-postcodes", "Z" + Fixtures.postcodeCSV),
            ("fixture-plan", "X" + Fixtures.planCSV),
            ("fixture-model", "M" + Fixtures.estateCSV + "%%\n" + Fixtures.populationCSV),
            ("fixture-model-policy", "M" + Fixtures.estateCSV + "%%\n" + Fixtures.populationCSV + "%%\n" + policy),
            ("fixture-model-changes", "M" + Fixtures.estateCSV + "%%\n" + Fixtures.populationCSV + "%%\n{}\n%%\n" + changes),
            ("fixture-scenario-changes", "S" + changes),
            ("fixture-distances", "Dlad_code,establishment,distance_km\nE08000003,BBB,4.5\nW06000015,FFF,2\nE09000033,EEE,0\n"),
        ]
        return seeds.map { ($0.0, Array($0.1.utf8)) }
    }
}

/// The fixture files as an ``InputSource``, so that the fuzz targets load scenarios through the same
/// ``InstanceLoader`` as the commands. Files are served by name, wherever a scenario says they are:
/// `uk-regions.csv` is the fixture geography, `postcode-districts.csv` the fixture districts, a name with
/// `population` in it the fixture population, and any other `.csv` the fixture estate; `extra` overrides
/// by name (the model target's fuzzed sections). There is no calibration, so a scenario that asks for a
/// synthetic population is refused (generating one per input would be far too slow for fuzzing).
struct FixtureFiles: InputSource {
    var extra: [String: String] = [:]
    var estateCSV = Fixtures.estateCSV
    var populationCSV = Fixtures.populationCSV

    func read(_ path: String) throws(InputErrors) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let text = extra[name] { return text }
        switch name {
        case "uk-regions.csv": return Fixtures.geographyCSV
        case "postcode-districts.csv": return Fixtures.postcodeCSV
        case _ where name.hasSuffix(".csv"): return name.contains("population") ? populationCSV : estateCSV
        default:
            throw InputErrors([InputError(file: path, reason: .unreadable("not among the fuzz fixtures"))])
        }
    }

    func exists(_ path: String) -> Bool { (try? read(path)) != nil }
}
