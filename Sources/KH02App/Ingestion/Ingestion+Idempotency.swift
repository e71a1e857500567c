import Crypto
import Foundation
import KH02Core

extension Ingestion {
    /// The key an upload is stored under, and the earlier answer to replay when it is a retry.
    struct Idempotency {
        var key: String
        var replay: StoredAnswer?
    }

    /// With the client's `Idempotency-Key`: that key, and the answer of whatever this token stored under it.
    ///
    /// Without one, a body counts as a retry only when it repeats the token's latest upload of this kind (same kind,
    /// `as_of` parameter and bytes), never when a later upload superseded it: sending X, then a correction Y, then X
    /// again stores X again. The implicit key names the upload it follows (`sha256:<hash>:after:<latest id>`), so two
    /// copies of one body racing each other still store once (the unique key makes the second a replay).
    func idempotency(of submission: Submission, contentHash: String, account: Account) async throws -> Idempotency {
        if let key = submission.idempotencyKey {
            let first = submission.dryRun ? nil : try await reports.answer(account: account.id, idempotencyKey: key)
            return Idempotency(key: key, replay: first)
        }
        let body = "sha256:" + Hex.lowercase(SHA256.hash(
            data: Data("\(submission.kind.rawValue)|\(submission.defaultAsOf ?? "")|\(contentHash)".utf8)))
        guard !submission.dryRun else { return Idempotency(key: body, replay: nil) }
        let latest = try await reports.latestUpload(account: account.id, kind: submission.kind)
        // Keys stored before the `:after:` suffix are the bare hash: the prefix matches them too.
        if let latest, latest.idempotencyKey.hasPrefix(body) { return Idempotency(key: latest.idempotencyKey, replay: latest.answer) }
        return Idempotency(key: body + ":after:" + (latest?.id.uuidString.lowercased() ?? "none"), replay: nil)
    }
}
