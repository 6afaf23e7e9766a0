import Crypto
import Foundation
import Hummingbird

/// Requests need the server's bearer token when it has one (started beyond loopback): in the
/// `Authorization: Bearer` header, or in the `homeward-token` cookie that `/?token=` sets for a browser.
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { return try await next(request, context) }
        let header = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        let cookie = request.cookies["homeward-token"]?.value
        let query = request.uri.queryParameters.get("token")
        if Security.same(header, token) || Security.same(cookie, token) { return try await next(request, context) }
        if Security.same(query, token) {
            // A browser's first visit with the token in the address: keep it in a cookie and drop it from the address.
            var response = Response.redirect(to: request.uri.path)
            response.setCookie(Cookie(name: "homeward-token", value: token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer", .contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: "401 Unauthorized: this server needs its token (Authorization: Bearer TOKEN)\n")))
    }
}

/// Cross-site request forgery: every page sets a random per-session token in a cookie and in its forms'
/// hidden `csrf` field; a form post is accepted only when the two agree. The JSON API takes JSON bodies only,
/// which another site's form cannot send.
enum Security {
    static let csrfCookie = "homeward-csrf"

    /// A new random token (32 bytes, hex).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares in time independent of where the strings differ.
    static func same(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for k in 0..<a.count { difference |= a[k] ^ b[k] }
        return difference == 0
    }

    /// The session's token from its cookie, or a new one (to be set on the response).
    static func csrfToken(_ request: Request) -> (token: String, isNew: Bool) {
        if let value = request.cookies[csrfCookie]?.value, value.count == 64 { return (value, false) }
        return (randomToken(), true)
    }

    /// The cookie that carries the session's token.
    static func csrfCookieValue(_ token: String) -> Cookie {
        Cookie(name: csrfCookie, value: token, path: "/", httpOnly: true, sameSite: .strict)
    }

    /// Whether a form post carries the token of its session.
    static func formIsGenuine(_ request: Request, form: [String: String]) -> Bool {
        guard let cookie = request.cookies[csrfCookie]?.value else { return false }
        return same(form["csrf"], cookie)
    }

    /// Whether a host name or address is loopback only.
    static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.")
    }
}

/// `application/x-www-form-urlencoded` bodies and queries: `a=1&b=two+words` (the last of a repeated key wins).
enum FormBody {
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let key = parts.first else { continue }
            fields[decode(key)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
