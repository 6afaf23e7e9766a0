import HomewardCore

extension Assessment {
    /// Every figure of the report, machine-readable. Suppressed counts are
    /// the string "<5" (for a threshold of 5); suppressed statistics are null.
    public func json() -> JSON {
        var fields = fieldsJSON()
        if let draws {
            fields.append(("draws", .object([
                ("seeds", .array(draws.seeds.map { JSON.int(Int64(bitPattern: $0)) })),
                ("figures", .array(draws.figures.map { f in
                    .object([("figure", .string(f.label)), ("central", .string(f.central)), ("lowest", .string(f.low)), ("highest", .string(f.high))])
                })),
                ("family_test_ratings_that_change", .array(draws.ratingChanges.map(JSON.string))),
            ])))
        }
        return .object(fields)
    }

    /// The assessment's sections, key by key.
    private func fieldsJSON() -> [(String, JSON)] {
        [
            ("title", .string(title)),
            ("scenario", .string(scenarioName)),
            ("question", .string(question)),
            ("decision", .str(decision)),
            ("synthetic_population", .bool(synthetic)),
            ("population_note", .string(synthetic ? Wording.syntheticNote : Wording.realDataNote)),
            ("disclosure", disclosureJSON()),
            ("summary", .array(headline.map(JSON.string))),
            ("changes", changesJSON()),
            ("people", .int(people)),
            ("affected", count(affected)),
            ("affected_at_changed_establishments", count(affectedAtChanged)),
            ("affected_elsewhere", count(affectedElsewhere)),
            ("unplaced_before", count(unplacedBefore)),
            ("unplaced_after", count(unplacedAfter)),
            ("today", todayJSON()),
            ("who_is_affected", breakdownsJSON()),
            ("proximity", proximityJSON()),
            ("distance_bands_of_people_affected", bandsJSON()),
            ("visits", visitsJSON()),
            ("family_test", familyTestJSON()),
            ("sentence_stage", sentenceStageJSON()),
            ("programmes", programmesJSON()),
            ("equality", equalityJSON()),
            ("mitigations", mitigationsJSON()),
            ("how_the_change_would_happen", phasingJSON()),
            ("map_flows", mapFlowsJSON()),
            ("map_flows_not_drawn_people", count(disclosure.count(flowsHidden))),
            ("method", methodJSON()),
            ("decision_record", decisionJSON()),
        ]
    }

    // MARK: - Values

    /// A count as published: a number, or the suppression mark as a string.
    private func count(_ c: Disclosure.Count) -> JSON {
        switch c {
        case let .shown(n): return .int(n)
        case .suppressed: return .string(disclosure.mark)
        case .hidden: return .string(Disclosure.hiddenMark)
        }
    }

    /// Distance statistics, or null where the group is too small to publish.
    private func distance(_ s: DistanceSummary?) -> JSON {
        guard let s else { return .null }
        return .object([
            ("mean_miles", .num(s.meanMiles, 1)), ("median_miles", .num(s.medianMiles, 1)), ("p90_miles", .num(s.p90Miles, 1)),
            ("mean_km", .num(s.meanKm, 1)), ("median_km", .num(s.medianKm, 1)), ("p90_km", .num(s.p90Km, 1)),
            ("share_within_50_miles", .num(s.within50)), ("share_within_100_miles", .num(s.within100)),
            ("share_in_home_region", .num(s.inHomeRegion)), ("straight_line_mean_miles", .num(s.meanStraightLineMiles, 1)),
        ])
    }

    // MARK: - Parts

    /// The disclosure threshold and the rule applied.
    private func disclosureJSON() -> JSON {
        .object([
            ("threshold", .int(disclosure.threshold)),
            ("rule", .string("Counts of 1 to \(disclosure.threshold - 1) people are shown as \"\(disclosure.mark)\", and a second count is shown as \"\(Disclosure.hiddenMark)\" where a total would reveal a suppressed one; statistics of fewer than \(disclosure.threshold) people are null.")),
        ])
    }

    /// Each changed establishment, before and after.
    private func changesJSON() -> JSON {
        .array(changes.map { c in
            .object([
                ("code", .string(c.code)), ("name", .string(c.name)), ("region", .string(c.region)),
                ("description", .string(c.description)), ("date", .str(c.date)),
                ("before", .string(c.roleBefore)), ("after", .string(c.roleAfter)),
                ("held_before", count(disclosure.count(c.heldBefore))), ("held_after", count(disclosure.count(c.heldAfter))),
            ])
        })
    }

    /// Where people are held today, and where the changed estate would hold them.
    private func todayJSON() -> JSON {
        .object([
            ("changed_establishments", .array(today.sites.map { s in
                .object([
                    ("code", .string(s.code)), ("name", .string(s.name)),
                    ("held_today", count(s.heldToday)), ("held_after", count(s.heldAfter)),
                    ("held_today_by_stage", .array(s.byStage.map { .object([("stage", .string($0.label)), ("people", count($0.people))]) })),
                    ("destinations", .array(s.destinations.map { .object([("establishment", .string($0.label)), ("people", count($0.people))]) })),
                    ("held_there_after_the_change_are_held_today_at", .array(s.origins.map { .object([("establishment", .string($0.label)), ("people", count($0.people))]) })),
                    ("mean_miles_today", .num(s.milesToday, 1)), ("mean_miles_after", .num(s.milesAfter, 1)),
                    ("share_within_50_miles_today", .num(s.within50Today)), ("share_within_50_miles_after", .num(s.within50After)),
                ])
            })),
            ("comparisons", .array(today.steps.map { s in
                .object([
                    ("from", .string(s.from)), ("to", .string(s.to)), ("isolates", .string(s.isolates)),
                    ("moved", count(s.moved)), ("moved_mean_miles_from", .num(s.movedMilesFrom, 1)),
                    ("moved_mean_miles_to", .num(s.movedMilesTo, 1)),
                    ("share_within_50_miles_from", .num(s.within50From)), ("share_within_50_miles_to", .num(s.within50To)),
                ])
            })),
        ])
    }

    /// The people affected, broken down by each characteristic.
    private func breakdownsJSON() -> JSON {
        .array(breakdowns.map { b in
            .object([("title", .string(b.title)), ("rows", .array(b.rows.map { r in
                .object([("group", .string(r.label)), ("people", count(r.people)), ("affected", count(r.affected)),
                         ("share_affected", .num(r.shareAffected))])
            }))])
        })
    }

    /// Distance from home for each group, before and after.
    private func proximityJSON() -> JSON {
        .array(proximity.map { p in
            .object([("group", .string(p.label)), ("people", count(p.people)), ("before", distance(p.before)), ("after", distance(p.after))])
        })
    }

    /// The people affected in each distance band, before and after.
    private func bandsJSON() -> JSON {
        .object([
            ("bands", .array(["within 25 miles", "25 to 50 miles", "50 to 100 miles", "over 100 miles"].map(JSON.string))),
            ("before", .array(bandsBefore.map(count))), ("after", .array(bandsAfter.map(count))),
        ])
    }

    /// Statutory visits and the change in family travel.
    private func visitsJSON() -> JSON {
        .object([
            ("statutory_visits_per_year", .num(Assessment.statutoryVisitsPerYear, 0)),
            ("convicted_people_affected", count(visits.convictedAffected)),
            ("family_miles_per_year_change", .num(visits.familyMilesPerYearChange, 0)),
            ("cost_change_per_year_at_20p", .num(visits.costChangeAssisted, 0)),
            ("cost_change_per_year_at_45p", .num(visits.costChangeFull, 0)),
            ("round_trip_hours_per_visit_before", .num(visits.visitHoursBefore, 2)),
            ("round_trip_hours_per_visit_after", .num(visits.visitHoursAfter, 2)),
            ("newly_beyond_50_miles", count(visits.newlyBeyond50)), ("brought_within_50_miles", count(visits.broughtWithin50)),
            ("newly_beyond_100_miles", count(visits.newlyBeyond100)), ("brought_within_100_miles", count(visits.broughtWithin100)),
        ])
    }

    /// The Family Test's answers and ratings.
    private func familyTestJSON() -> JSON {
        .array(familyTest.map { a in
            .object([("question", .int(a.number)), ("text", .string(a.question)), ("rating", .string(a.rating.rawValue)),
                     ("evidence", .string(a.evidence)), ("rule", .string(a.rule)), ("limits", .string(a.limits)),
                     ("rests_on", .array(a.basis.map { .object([("group", .string($0.group)), ("figure", .string($0.figure))]) }))])
        })
    }

    /// People within a year of release.
    private func sentenceStageJSON() -> JSON {
        .object([
            ("near_release_affected", count(nearReleaseAffected)),
            ("near_release_losing_home_region", count(nearReleaseLoseHomeRegion)),
            ("near_release_newly_beyond_50_miles", count(nearReleaseLoseWithin50)),
        ])
    }

    /// Where each programme is offered, and the people whose first need it is.
    private func programmesJSON() -> JSON {
        .array(programmes.map { p in
            .object([("programme", .string(p.name)), ("sites_before", .array(p.sitesBefore.map(JSON.string))),
                     ("sites_after", .array(p.sitesAfter.map(JSON.string))), ("people_needing", count(p.people)),
                     ("met_before", count(p.metBefore)), ("met_after", count(p.metAfter))])
        })
    }

    /// The effect on each equality group.
    private func equalityJSON() -> JSON {
        .array(equality.map { e in
            .object([("group", .string(e.group)), ("characteristic", .string(e.characteristic)), ("people", count(e.people)),
                     ("affected", count(e.affected)), ("mean_change_miles_affected", .num(e.meanChangeMilesAffected, 1)),
                     ("share_within_50_miles_before", .num(e.within50Before)), ("share_within_50_miles_after", .num(e.within50After))])
        })
    }

    /// The mitigations, with the people each concerns.
    private func mitigationsJSON() -> JSON {
        .array(mitigations.map { m in
            .object([("title", .string(m.title)), ("basis", .string(m.basis)), ("people", count(m.people)), ("text", .string(m.text))])
        })
    }

    /// The weekly profile of the change (null when no simulation was run).
    private func phasingJSON() -> JSON {
        guard let p = phasing else { return .null }
        return .object([
            ("run_down_weeks", .int(p.runDownWeeks)), ("moves_limit", p.movesLimit.map { JSON.int($0) } ?? .null),
            ("transfers_caused_in_all", p.causedTotal.map { JSON.int($0) } ?? .null),
            ("weeks", .array(p.weeks.map { w in
                .object([
                    ("week_starting", .string(w.date)),
                    ("held", .array(w.held.map { .object([("establishment", .string($0.code)), ("people", count($0.people))]) })),
                    ("transfers", count(w.transfers)), ("transfers_without_the_change", count(w.transfersWithout)),
                    ("transfers_caused", w.caused.map { JSON.int($0) } ?? .null),
                    ("leaving_within_a_year_of_release", count(w.leavingNearRelease)), ("leaving_others", count(w.leavingOther)),
                    ("not_placed", count(w.unplaced)),
                ])
            })),
        ])
    }

    /// The flows of moved people drawn on the map.
    private func mapFlowsJSON() -> JSON {
        .array(flows.map { f in
            .object([("from", .string(f.from)), ("to", .string(f.to)), ("people", .int(f.count))])
        })
    }

    /// The software, the two runs, the inputs with their hashes, the assumptions and the policy.
    private func methodJSON() -> JSON {
        .object([
            ("software", .string("Homeward \(version)")),
            ("runs", .array(runs.map { r in
                .object([("label", .string(r.label)), ("solver", .string(r.solver)), ("status", .string(r.status)),
                         ("objective_points", .num(r.objective, 2)), ("dual_objective_points", .num(r.dualObjective, 2)),
                         ("establishments", .int(r.establishments)), ("operational_capacity", .int(r.places))])
            })),
            ("inputs", .object(inputs.map { ($0.role, JSON.object([("path", .string($0.path)), ("sha256", .string($0.sha256))])) })),
            ("group_definitions", .array(PersonGroup.all.map { g in
                .object([("group", .string(g.label)), ("definition", .string(g.definition))])
            })),
            ("distance_model", .string(distanceModel)),
            ("assumptions", .array(assumptions.map(JSON.string))),
            ("policy", .string(policyText)),
        ])
    }
}
