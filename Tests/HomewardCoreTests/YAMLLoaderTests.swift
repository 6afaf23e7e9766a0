import Foundation
import HomewardCore
import Testing

@Suite("Policy and scenario files")
struct YAMLLoaderTests {
    @Test func theShippedPolicyFileEqualsTheBuiltInDefaults() throws {
        let policy = try PolicyLoader.load(try Repository.text("Scenarios/policy.yaml"), file: "policy.yaml")
        #expect(policy == .standard)
    }

    @Test func writtenPolicyReadsBackEqual() throws {
        var policy = Policy.standard
        policy.move = 75.5
        policy.foreignNationalHubMonths = nil
        policy.movesLimit = 1500
        policy.nonAssociations = NonAssociationPolicy(apartRestrictions: [.wing, .landing], apartReasons: [], sharingCost: 7.5)
        #expect(try PolicyLoader.load(PolicyLoader.write(policy), file: "p.yaml") == policy)
    }

    @Test func anUnknownNonAssociationCodeIsRefusedWithTheKnownOnes() {
        let messages = HandMadeBadInputTests.messages { _ = try PolicyLoader.load("non_associations:\n  apart_reasons: [GANG]\n", file: "policy.yaml") }
        #expect(messages.count == 1)
        #expect(messages.first?.contains("non_associations.apart_reasons") == true)
        #expect(messages.first?.contains("GANG_RELATED") == true)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var messages: [String]
        var testDescription: String { label }
    }

    static let policyCases: [Case] = [
        Case(label: "a typo in a key", text: "weights:\n  moev: 100\n",
             messages: ["policy.yaml:2:3: weights.moev: unknown key 'moev'; allowed keys: family_distance_per_km, out_of_home_region, move, function_mismatch, over_security_per_step, unmet_intervention, crowding_above_cna, reception_reserve_per_person, open_category_held_closed, unplaced (hint: did you mean 'move'?)"]),
        Case(label: "a type error", text: "weights:\n  move: lots\n",
             messages: ["policy.yaml:2:9: weights.move: has the wrong type; expected a number"]),
        Case(label: "a negative weight", text: "weights:\n  crowding_above_cna: -1\n",
             messages: ["policy.yaml:2:23: weights.crowding_above_cna: -1 is out of range; allowed: 0 to 1000000"]),
        Case(label: "not YAML", text: "weights: [unclosed\n",
             messages: ["policy.yaml:2:1: 'did not find expected ',' or ']'' is not valid YAML"]),
        Case(label: "a crossed window", text: "rules:\n  foreign_national_hub_months: [36, 3]\n",
             messages: ["policy.yaml:2:32: rules.foreign_national_hub_months: the first number must not exceed the second"]),
    ]

    @Test(arguments: policyCases)
    func badPolicyFilesAreRefusedWithLineColumnAndKey(_ testCase: Case) {
        do {
            _ = try PolicyLoader.load(testCase.text, file: "policy.yaml")
            Issue.record("accepted a bad policy")
        } catch {
            #expect(error.errors.map(\.description) == testCase.messages)
        }
    }

    @Test func scenarioWithEveryKindOfChangeParses() throws {
        let text = """
            name: Test
            question: What if?
            estate: e.csv
            population: {file: p.csv}
            changes:
              - rerole: {establishment: AAA, function: training, categories: C}
                date: 2027-04-01
              - capacity: {establishment: BBB, operational_capacity: 300}
              - close: {establishment: CCC}
              - open:
                  code: NEW
                  name: HMP New
                  location: {lad: W06000015}
                  sex: female
                  age_group: mixed
                  categories: women-closed
                  function: resettlement
                  operational_capacity: 200
                  cna: 180
            """
        let scenario = try ScenarioLoader.load(text, file: "s.yaml")
        #expect(scenario.changes.count == 4)
        #expect(scenario.changes[0].kind == .rerole(PrisonCode("AAA"), Rerole(functions: [.training], categories: [.c])))
        #expect(scenario.changes[0].date == "2027-04-01")
        #expect(scenario.changes[1].kind == .capacity(PrisonCode("BBB"), operationalCapacity: 300, cna: nil))
        #expect(scenario.changes[2].kind == .close(PrisonCode("CCC")))
        #expect(scenario.changes[2].line == 9)
        guard case let .open(new) = scenario.changes[3].kind else { Issue.record("not an open"); return }
        #expect(new.location == .localAuthority(LADCode("W06000015")))
        #expect(new.sex == .female)
    }

    static let scenarioCases: [Case] = [
        Case(label: "missing question", text: "name: X\nestate: e.csv\npopulation: {file: p.csv}\n",
             messages: ["s.yaml:1: question: is missing (hint: say in one line what question the scenario answers)"]),
        Case(label: "negative capacity", text: "name: X\nquestion: Q\nestate: e.csv\npopulation: {file: p.csv}\nchanges:\n  - capacity: {establishment: AAA, operational_capacity: -10}\n",
             messages: ["s.yaml:6:58: changes[1].capacity.operational_capacity: -10 is out of range; allowed: 0 to 20000"]),
        Case(label: "two kinds in one change", text: "name: X\nquestion: Q\nestate: e.csv\npopulation: {file: p.csv}\nchanges:\n  - close: {establishment: AAA}\n    rerole: {establishment: AAA, function: training}\n",
             messages: ["s.yaml:6:5: changes[1]: each change needs exactly one of: rerole, capacity, close, open"]),
        Case(label: "a bad date", text: "name: X\nquestion: Q\nestate: e.csv\npopulation: {file: p.csv}\nchanges:\n  - close: {establishment: AAA}\n    date: next spring\n",
             messages: ["s.yaml:7:11: changes[1].date: 'next spring' is not a date written YYYY-MM-DD"]),
        Case(label: "synth size as text", text: "name: X\nquestion: Q\nestate: e.csv\npopulation:\n  synth: {size: many, seed: 1}\n",
             messages: ["s.yaml:5:17: population.synth.size: has the wrong type; expected a whole number"]),
        Case(label: "stress pairs without a count", text: "name: X\nquestion: Q\nestate: e.csv\npopulation:\n  synth: {size: 10, seed: 1, non_associations: {seed: 2}}\n",
             messages: ["s.yaml:5:48: population.synth.non_associations.count: is missing (hint: e.g. non_associations: {count: 2000, seed: 23})"]),
        Case(label: "a stress pair count as text", text: "name: X\nquestion: Q\nestate: e.csv\npopulation:\n  synth: {size: 10, seed: 1, non_associations: {count: lots}}\n",
             messages: ["s.yaml:5:56: population.synth.non_associations.count: has the wrong type; expected a whole number"]),
        Case(label: "stress pairs in a population of one", text: "name: X\nquestion: Q\nestate: e.csv\npopulation:\n  synth: {size: 1, seed: 1, non_associations: {count: 3}}\n",
             messages: ["s.yaml:5:10: population.synth.non_associations.count: a non-association needs two people; the population has 1"]),
        Case(label: "an unknown stress pair key", text: "name: X\nquestion: Q\nestate: e.csv\npopulation:\n  synth: {size: 10, non_associations: {count: 3, sed: 4}}\n",
             messages: ["s.yaml:5:50: population.synth.non_associations.sed: unknown key 'sed'; allowed keys: count, seed (hint: did you mean 'seed'?)"]),
    ]

    @Test func stressNonAssociationsAreReadFromTheSyntheticPopulation() throws {
        let head = "name: X\nquestion: Q\nestate: e.csv\npopulation:\n  synth: {size: 10, seed: 1"
        let given = try ScenarioLoader.load(head + ", non_associations: {count: 2000, seed: 7}}\n", file: "s.yaml")
        #expect(given.stressNonAssociations == Scenario.StressPairs(count: 2000, seed: 7))
        #expect(given.population == .synthetic(size: 10, seed: 1))
        let defaultSeed = try ScenarioLoader.load(head + ", non_associations: {count: 5}}\n", file: "s.yaml")
        #expect(defaultSeed.stressNonAssociations == Scenario.StressPairs(count: 5, seed: 23))
        #expect(try ScenarioLoader.load(head + "}\n", file: "s.yaml").stressNonAssociations == nil)
    }

    @Test(arguments: scenarioCases)
    func badScenarioFilesAreRefusedWithLineColumnAndKey(_ testCase: Case) {
        do {
            _ = try ScenarioLoader.load(testCase.text, file: "s.yaml")
            Issue.record("accepted a bad scenario")
        } catch {
            #expect(error.errors.map(\.description) == testCase.messages)
        }
    }

    static let scenarioHead = "name: S\nquestion: Q\nestate: e.csv\npopulation: {synth: {size: 10, seed: 1}}\n"

    @Test func aDecisionBlockParsesEveryPart() throws {
        let text = Self.scenarioHead + """
            decision:
              considered: Whether to close X.
              decision: Close X on 1 October 2027.
              rationale: The buildings are failing.
              options_considered: [Keep X open, Close X]
              consultation: Families were consulted through the visitors' centre.
              action_plan:
                - {action: Tell families, owner: Governor, due: 2027-06-01}
                - {action: Add visits sessions, owner: Head of Residence}
              monitoring: Monthly, by the PMU.
              review_date: 2028-04-01
              local_family_offer: Video calls at each receiving prison.
              visits_capacity: 40 extra sessions a week at the receiving prisons.
              contact: families@example.org
              sign_off: Deputy Director, 1 May 2027
            """
        let record = try ScenarioLoader.load(text, file: "s.yaml").decisionRecord
        #expect(record.considered == "Whether to close X.")
        #expect(record.optionsConsidered == ["Keep X open", "Close X"])
        #expect(record.actionPlan == [.init(action: "Tell families", owner: "Governor", due: "2027-06-01"),
                                      .init(action: "Add visits sessions", owner: "Head of Residence")])
        #expect(record.reviewDate == "2028-04-01")
        #expect(record.signOff == "Deputy Director, 1 May 2027")
        // A line of text is still the decision considered, and nothing else.
        let plain = try ScenarioLoader.load(Self.scenarioHead + "decision: Whether to close X.\n", file: "s.yaml")
        #expect(plain.decision == "Whether to close X.")
        #expect(plain.decisionRecord == DecisionRecord(considered: "Whether to close X."))
    }

    static let decisionCases: [Case] = [
        Case(label: "an unknown part", text: scenarioHead + "decision:\n  rational: because\n",
             messages: ["s.yaml:6:3: decision.rational: unknown key 'rational'; allowed keys: considered, decision, rationale, options_considered, consultation, action_plan, monitoring, review_date, local_family_offer, visits_capacity, contact, sign_off (hint: did you mean 'rationale'?)"]),
        Case(label: "an action without an owner", text: scenarioHead + "decision:\n  action_plan:\n    - {action: Tell families}\n",
             messages: ["s.yaml:7:7: decision.action_plan[1].owner: is missing (hint: name the role or team that owns the action)"]),
        Case(label: "a review date that is not a date", text: scenarioHead + "decision:\n  review_date: next spring\n",
             messages: ["s.yaml:6:16: decision.review_date: has the wrong type; expected a date YYYY-MM-DD"]),
    ]

    @Test(arguments: decisionCases)
    func badDecisionBlocksAreRefusedWithLineColumnAndKey(_ testCase: Case) {
        do {
            _ = try ScenarioLoader.load(testCase.text, file: "s.yaml")
            Issue.record("accepted a bad decision block")
        } catch {
            #expect(error.errors.map(\.description) == testCase.messages)
        }
    }

    @Test func theShippedCalibrationLoadsAndEveryFigureHasASource() throws {
        let text = try Repository.text("Estate/population-calibration.yaml")
        let calibration = try CalibrationLoader.load(text, file: "population-calibration.yaml")
        #expect(abs(calibration.femaleShare - 0.041) < 0.001)
        // Remove one source: the loader must refuse it.
        let withoutSource = text.replacingOccurrences(of: "    source: \"S7 PQ (Lord Timpson) 30 Sep 2025: 972 remand of 3,507 women\"\n", with: "")
        #expect(withoutSource != text)
        #expect(throws: InputErrors.self) { try CalibrationLoader.load(withoutSource, file: "c.yaml") }
    }
}
