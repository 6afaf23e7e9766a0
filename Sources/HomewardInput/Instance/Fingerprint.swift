import Crypto

/// SHA-256 fingerprints of inputs, so that a reader of a report can check which data a result came from.
/// swift-crypto's implementation (BoringSSL's on Linux, CryptoKit's on Apple systems) replaces a hand-written one.
public enum Fingerprint {
    /// The SHA-256 of `text`'s UTF-8 bytes, as 64 lowercase hexadecimal characters.
    public static func sha256(_ text: String) -> String {
        hex(Array(SHA256.hash(data: Array(text.utf8))))
    }

    /// The SHA-256 of `bytes`, as 64 lowercase hexadecimal characters.
    public static func sha256(bytes: [UInt8]) -> String {
        hex(Array(SHA256.hash(data: bytes)))
    }

    static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
