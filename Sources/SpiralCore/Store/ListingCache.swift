@preconcurrency import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a store keeps its cache of listings (names, flags, counts), so that listing 10,000 plans
/// reads one small file. A plain store keeps it beside the plans (`.index.tsv`); a sealed store
/// never does: the practitioner keeps it in their own cache folder, sealed under a key derived
/// from the centre key, so it reveals no more than the plans do.
public struct ListingCache: Sendable {
    let path: String
    let key: SymmetricKey?
    let context: Data

    static func besidePlans(_ directory: String) -> ListingCache {
        ListingCache(path: directory + "/" + PlanIndex.fileName, key: nil, context: Data())
    }

    /// `$XDG_CACHE_HOME/spiral/listings-KEYID-STORE.sealed`, one per key and store.
    public static func sealed(forStore directory: String, key: CentrePrivateKey,
                              environment: Environment = .process) -> ListingCache {
        let store = SHA256.hash(data: Data(directory.utf8)).prefix(6).map { String($0, radix: 16) }.joined()
        let path = XDGDirectory.cache.path("listings-\(key.publicKey.id)-\(store).sealed", environment: environment)
        return ListingCache(path: path, key: key.derivedKey(for: "listing cache"), context: Data("spiral listing cache|\(directory)".utf8))
    }

    func read() -> PlanIndex? {
        guard let data = try? FileSystemCalls.read(path) else { return nil }
        guard let key else { return PlanIndex.parse(data) }
        guard let box = try? ChaChaPoly.SealedBox(combined: data),
              let clear = try? ChaChaPoly.open(box, using: key, authenticating: context) else { return nil }
        return PlanIndex.parse(clear)
    }

    /// Best effort: the cache is only a cache, so a store that cannot be written (read-only
    /// backup, full disk) still lists correctly, just more slowly.
    func write(_ index: PlanIndex) {
        var data = index.rendered()
        if let key {
            guard let sealed = try? ChaChaPoly.seal(data, using: key, authenticating: context).combined else { return }
            data = sealed
            _ = try? FileSystemCalls.makeDirectory(PathName.directory(path), mode: 0o700)
        }
        try? FileSystemCalls.writeAtomically(data, to: path)
    }
}
