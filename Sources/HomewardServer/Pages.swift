import Foundation
import HomewardCommands
import HomewardCore
import HomewardReports
import Mustache

/// The pages, rendered from ``Templates`` with plain dictionaries (Mustache escapes every `{{value}}`).
package struct Pages: Sendable {
    let library: MustacheLibrary

    init() throws {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in Templates.all { templates[name] = try MustacheTemplate(string: text) }
        library = MustacheLibrary(templates: templates)
    }

    /// A whole page: `template` rendered with `context`, inside the layout.
    /// - Parameters:
    ///   - nav: the navigation entry that is the current page.
    ///   - errors: the error summary's entries (field id, message).
    func page(_ template: String, title: String, nav: String, context: [String: Any], errors: [(field: String, message: String)] = [],
              script: Bool = false) -> String {
        let body = library.render(Pages.flagged(context), withTemplate: template) ?? ""
        let layout: [String: Any] = [
            "title": errors.isEmpty ? title : "Error: " + title, "body": body, "nav": [nav: true], "script": script,
            "errors": errors.map { ["field": $0.field, "message": $0.message] },
        ]
        return library.render(Pages.flagged(layout), withTemplate: "layout") ?? ""
    }

    /// `context` with `has_KEY` beside every list: whether it has any items (for a heading shown only then).
    static func flagged(_ context: [String: Any]) -> [String: Any] {
        var flagged = context
        for (key, value) in context {
            if let list = value as? [Any] { flagged["has_" + key] = !list.isEmpty }
        }
        return flagged
    }
}

// MARK: - The estate

/// Establishments in scope, filtered as the estate page's form asks.
package struct EstateFilter: Sendable, Equatable {
    package var region: String?
    package var function: String?
    package var sex: String?

    package init(region: String? = nil, function: String? = nil, sex: String? = nil) {
        self.region = region?.isEmpty == true ? nil : region
        self.function = function?.isEmpty == true ? nil : function
        self.sex = sex?.isEmpty == true ? nil : sex
    }

    package func admits(_ e: Establishment) -> Bool {
        guard e.isInScope else { return false }
        if let region, e.region != region { return false }
        if let function, !e.functions.text.split(separator: ";").contains(Substring(function)) { return false }
        if let sex, e.sex.rawValue != sex { return false }
        return true
    }
}

extension Workspace {
    /// The estate file the pages show.
    var estatePath: String { settings.root == "." ? "Estate/establishments.csv" : settings.root + "/Estate/establishments.csv" }

    /// The estate as loaded from the project's estate file.
    /// - Throws: ``InputErrors``.
    package func estate() throws(InputErrors) -> Estate {
        try EstateLoader.load(try DiskFiles().read(estatePath), file: estatePath)
    }

    /// The map outline beside the estate, or none.
    func outline() -> [OutlineRing] {
        let path = InputPath.sibling(of: estatePath, "great-britain-outline.csv")
        guard let text = try? DiskFiles().read(path) else { return [] }
        return (try? OutlineLoader.load(text, file: path)) ?? []
    }

    /// The estate page's values: the filter's choices, the table and the map.
    func estateContext(_ filter: EstateFilter) throws(InputErrors) -> [String: Any] {
        let estate = try estate()
        let inScope = estate.establishments.filter(\.isInScope)
        let shown = inScope.filter(filter.admits)
        func choices(_ values: [String], _ selected: String?) -> [[String: Any]] {
            Array(Set(values)).sorted().map { ["value": $0, "selected": $0 == selected] }
        }
        let functions = inScope.flatMap { $0.functions.text.split(separator: ";").map(String.init) }
        let map = SVGChart.map(
            title: "Establishments shown", description: "Map of England and Wales with the \(shown.count) establishments the filters select.",
            outline: outline(),
            places: shown.map { .init(name: $0.name, latitude: $0.latitude, longitude: $0.longitude, kind: .unchanged) },
            flows: [])
        return [
            "count": shown.count, "places": Format.grouped(shown.map(\.operationalCapacity).reduce(0, +)),
            "regions": choices(inScope.map(\.region), filter.region), "functions": choices(functions, filter.function),
            "sexes": choices(inScope.map(\.sex.rawValue), filter.sex), "map": map,
            "rows": shown.map { e -> [String: Any] in
                ["code": e.code.rawValue, "name": e.name, "region": e.region, "sex": e.sex.rawValue, "function": e.functions.text,
                 "categories": e.categories.text, "capacity": Format.grouped(e.operationalCapacity), "cna": Format.grouped(e.cna)]
            },
        ]
    }

    /// The estate as JSON, for `GET /api/estate`.
    func estateJSON(_ filter: EstateFilter) throws(InputErrors) -> JSON {
        let shown = try estate().establishments.filter(filter.admits)
        return .object([
            ("establishments", .array(shown.map { e in
                .object([("code", .string(e.code.rawValue)), ("name", .string(e.name)), ("region", .string(e.region)),
                         ("sex", .string(e.sex.rawValue)), ("function", .string(e.functions.text)),
                         ("categories", .string(e.categories.text)), ("operational_capacity", .int(e.operationalCapacity)),
                         ("cna", .int(e.cna)), ("latitude", .num(e.latitude, 4)), ("longitude", .num(e.longitude, 4))])
            })),
            ("synthetic_population", .bool(true)),
        ])
    }
}
