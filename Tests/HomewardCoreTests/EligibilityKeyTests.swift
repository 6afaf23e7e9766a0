import Foundation
import HomewardCore
import SeededRandom
import Testing

/// The eligibility key holds exactly what the hard rules read of a person: the builder and the
/// population synthesiser check the rules once per key, so a key that left out a field the rules
/// read would give some people another person's establishments.
@Suite("One eligibility key")
struct EligibilityKeyTests {
    /// Establishments that between them apply every hard rule.
    static let ruleEstate = Estate(establishments: [
        Fixture.establishment("MB", categories: [.b, .c], functions: [.reception], near: 0),
        Fixture.establishment("MA", age: .adult, categories: [.c], functions: [.training], near: 1),
        Fixture.establishment("MY", age: .youngAdult, categories: [.b], functions: [.reception], near: 1),
        Fixture.establishment("MD", categories: [.d], functions: [.open], near: 2),
        Fixture.establishment("MR", categories: [.c], functions: [.resettlement], near: 2),
        Fixture.establishment("FC", sex: .female, categories: [.womenClosed], functions: [.reception], near: 3),
        Fixture.establishment("FO", sex: .female, categories: [.womenOpen], functions: [.open], near: 3),
        Fixture.establishment("SO", categories: [.c], functions: [.training], near: 0, cohortOnly: .sexualOffence),
        Fixture.establishment("FN", categories: [.c], functions: [.training], near: 1, cohortOnly: .foreignNational),
        Fixture.establishment("JV", age: .juvenile, categories: [.b], functions: [.reception], near: 0),
    ])

    static let cohortChoices: [Cohorts] = [[], [.sexualOffence], [.foreignNational], [.sexualOffence, .foreignNational]]

    static func randomProfile(_ random: inout SeededRandom) -> Profile {
        let needs = ["horizon", "building_choices", "kaizen"].filter { _ in random.chance(0.4) }
        return Profile(sex: random.chance(0.5) ? .male : .female, youngAdult: random.chance(0.3), home: random.below(4),
                       category: Category.allCases[random.below(Category.allCases.count)],
                       stage: Stage.allCases[random.below(Stage.allCases.count)],
                       cohorts: cohortChoices[random.below(cohortChoices.count)],
                       inForeignNationalWindow: random.chance(0.5), mayEnterResettlement: random.chance(0.5), needs: needs)
    }

    /// Every answer the rules give about `profile` in the rule estate: per establishment, usable places and move in or stay.
    static func exclusions(_ profile: Profile, policy: Policy) -> [[Exclusion]] {
        ruleEstate.establishments.flatMap { establishment in
            [(0, false), (0, true), (5, false), (5, true)].map { usable, isCurrent in
                Rules.exclusions(profile, at: establishment, usableCapacity: usable, isCurrent: isCurrent, policy: policy)
            }
        }
    }

    /// What the key leaves out (home and needs) never changes where a person may be held.
    @Test(arguments: [false, true])
    func profilesWithOneEligibilityKeyAreExcludedAlike(openInClosed: Bool) {
        var policy = Policy.standard
        policy.openCategoryInClosedConditions = openInClosed
        var random = SeededRandom(seed: 41)
        for _ in 0..<400 {
            let profile = Self.randomProfile(&random)
            var other = Self.randomProfile(&random)
            // Everything the key holds from `profile`; home and needs from another.
            other.sex = profile.sex
            other.youngAdult = profile.youngAdult
            other.category = profile.category
            other.stage = profile.stage
            other.cohorts = profile.cohorts
            other.inForeignNationalWindow = profile.inForeignNationalWindow
            other.mayEnterResettlement = profile.mayEnterResettlement
            other.pinned = profile.pinned
            #expect(other.eligibilityKey == profile.eligibilityKey)
            #expect(Self.exclusions(other, policy: policy) == Self.exclusions(profile, policy: policy), "\(profile) and \(other)")
        }
    }

    /// Each field the key holds, changed alone, changes the key and, for some person, some exclusion:
    /// the key has no field the rules do not read. The table must name every field of the key.
    @Test func everyFieldOfTheEligibilityKeyCanChangeTheExclusions() throws {
        let changes: [(field: String, change: (inout Profile) -> Void)] = [
            ("sex", { $0.sex = $0.sex == .male ? .female : .male }),
            ("youngAdult", { $0.youngAdult.toggle() }),
            ("category", { $0.category = Category.allCases[(Category.allCases.firstIndex(of: $0.category)! + 1) % Category.allCases.count] }),
            ("stage", { $0.stage = $0.stage == .remand ? .training : .remand }),
            ("cohorts", { $0.cohorts = Self.cohortChoices[(Self.cohortChoices.firstIndex(of: $0.cohorts)! + 1) % Self.cohortChoices.count] }),
            ("inForeignNationalWindow", { $0.inForeignNationalWindow.toggle() }),
            ("mayEnterResettlement", { $0.mayEnterResettlement.toggle() }),
            ("mayTransfer", { $0.pinned = $0.pinned == nil ? PrisonCode("P0") : nil }),
        ]
        var random = SeededRandom(seed: 43)
        let sample = (0..<400).map { _ in Self.randomProfile(&random) }
        let fields = Mirror(reflecting: sample[0].eligibilityKey).children.compactMap(\.label)
        #expect(fields == changes.map(\.field))
        for (field, change) in changes {
            let witness = sample.first { profile in
                var changed = profile
                change(&changed)
                return Self.exclusions(changed, policy: .standard) != Self.exclusions(profile, policy: .standard)
            }
            let profile = try #require(witness, "no person whose exclusions change with \(field)")
            var changed = profile
            change(&changed)
            #expect(changed.eligibilityKey != profile.eligibilityKey, "\(field)")
        }
    }
}
