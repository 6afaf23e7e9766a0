import HomewardCore
import Testing

/// Places by type in the estate file (issue #23): parsed where known, empty (not limited) where not.
@Suite("Typed places")
struct TypedPlacesTests {
    static let header = "code,name,operator,sex,age_group,categories,function,operational_capacity,cna,latitude,longitude,postcode,region,source,vp_places,accessible_cells,single_cells"

    @Test func theShippedEstateHasVulnerablePrisonerPlacesOnlyWhereSourced() throws {
        let estate = try EstateLoader.load(try Repository.text("Estate/establishments.csv"), file: "establishments.csv")
        let withVP = estate.establishments.filter { $0.typedPlaces.vulnerablePrisonerUnit != nil }
        #expect(withVP.map(\.code.rawValue) == ["ASI", "BRI", "LTI", "SFI", "UKI", "VEI", "WTI"])
        #expect(withVP.allSatisfy { $0.typedPlaces.vulnerablePrisonerUnit == $0.operationalCapacity && $0.source.contains("EST-VPU") })
        #expect(estate.establishments.allSatisfy { $0.typedPlaces.accessibleCell == nil && $0.typedPlaces.singleCell == nil })
    }

    @Test func typedPlacesAreReadAndEmptyMeansUnknown() throws {
        let text = "\(Self.header)\nAAA,HMP Alpha,public,male,adult,C,training,500,480,53.48,-2.24,M1 1AA,North West,TEST,120,,40\n"
        let estate = try EstateLoader.load(text, file: "estate.csv")
        #expect(estate.establishments[0].typedPlaces == TypedPlaces(vulnerablePrisonerUnit: 120, singleCell: 40, accessibleCell: nil))
    }

    @Test(arguments: [
        ("600,,", "estate.csv:2: vp_places: 600 places is more than the operational capacity of 500"),
        (",-1,", "estate.csv:2: accessible_cells: -1 is out of range; allowed: 0 to 20000"),
        (",,many", "estate.csv:2: single_cells: 'many' is not a whole number"),
    ])
    func badTypedPlacesAreRefused(_ fields: String, _ message: String) {
        let text = "\(Self.header)\nAAA,HMP Alpha,public,male,adult,C,training,500,480,53.48,-2.24,M1 1AA,North West,TEST,\(fields)\n"
        do {
            _ = try EstateLoader.load(text, file: "estate.csv")
            Issue.record("the estate was accepted")
        } catch {
            #expect(error.errors.map(\.description).contains { $0.hasPrefix(message) }, "\(error.errors)")
        }
    }
}
