import HomewardCore
import Testing

/// A scenario's changes at their dates, week by week (issue #22, item 2).
@Suite("Change schedule")
struct ChangeScheduleTests {
    // Day numbers from Python's datetime: (date(y, m, d) - date(1970, 1, 1)).days.
    @Test(arguments: [("1970-01-01", 0), ("2000-03-01", 11_017), ("2027-10-01", 21_092), ("2028-02-29", 21_243)])
    func isoDatesAndDayNumbersAgree(_ iso: String, _ day: Int) {
        #expect(ChangeSchedule.day(iso) == day)
        #expect(ChangeSchedule.iso(day) == iso)
    }

    @Test func aClosureChangesNothingBeforeItsWeekThenStepsDownToZeroAndCloses() throws {
        let base = Estate(establishments: [Fixture.establishment("AAA", capacity: 90, near: 0), Fixture.establishment("BBB", capacity: 50, near: 1)])
        let changes = [EstateChange(kind: .close(PrisonCode("AAA")), date: "2027-10-01")]
        let changed = try EstateChanges.apply(changes, to: base, context: ChangeContext(
            file: "s.yaml", geography: Fixture.geography, postcodeDistricts: [], population: Population(prisoners: []), policy: .standard))
        // 1 October 2027 is two weeks after the start: in effect from week 3; a run-down of three weeks.
        let schedule = try #require(ChangeSchedule(base: base, changed: changed, changes: changes, start: "2027-09-17", runDownWeeks: 3))
        #expect(schedule.entries.map(\.week) == [3])
        #expect(schedule.date(ofWeek: 3) == "2027-10-01")
        #expect(schedule.lastChangeWeek == 5)
        func aaa(_ week: Int, held: Int? = nil) -> Establishment {
            schedule.estate(week: week, held: held.map { [PrisonCode("AAA"): $0] } ?? [:]).establishment(PrisonCode("AAA"))!
        }
        #expect(aaa(1) == base.establishment(PrisonCode("AAA")))
        #expect(aaa(2) == base.establishment(PrisonCode("AAA")))
        #expect([3, 4, 5].map { aaa($0).operationalCapacity } == [60, 30, 0])
        #expect(aaa(3).isAvailable && aaa(5).isAvailable)
        #expect(aaa(3, held: 12).operationalCapacity == 12, "a prison running down takes no one new")
        #expect(aaa(6).isClosed)
        #expect(schedule.estate(week: 4).establishment(PrisonCode("BBB")) == base.establishment(PrisonCode("BBB")))
        // No dated change: no schedule (an undated scenario applies its changes from week 1).
        #expect(ChangeSchedule(base: base, changed: changed, changes: [EstateChange(kind: .close(PrisonCode("AAA")))]) == nil)
    }
}
