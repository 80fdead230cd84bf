import JSONValue

extension HavenClient {
    /// The delete round trip. The first call either deletes at once (`deleted: true`, some deployments) or
    /// changes nothing and hands out a token (`deleted: false` + `confirm`); only then is the
    /// confirmation sent.
    ///
    /// The first call is not retried after an ambiguous failure: on a one-step server it deletes.
    /// The confirmation is: it names one resource and its token works once, so a repeat cannot delete
    /// anything else. A repeat after a confirmation that was applied but whose answer was lost finds the
    /// token spent (5080) or the resource gone; the client then asks again from the start: a resource
    /// that no longer exists counts as deleted (the state the caller asked for), and a still existing
    /// one (an expired token) is confirmed once more with the fresh token.
    func deleteResource(
        _ first: HavenCall<DeleteResult>, confirming: (String) -> HavenCall<DeleteResult>
    ) async throws(HavenError) -> DeleteResult {
        let answer = try await perform(first)
        if answer.deleted { return answer }
        guard let token = answer.confirm else {
            throw HavenError(
                kind: .invalidResponse, api: first.api,
                message: "the answer says deleted: false without a confirm token")
        }
        do throws(HavenError) {
            return try await perform(confirming(token))
        } catch where error.isNotFound || error.code == 5080 {
            let again: DeleteResult
            do throws(HavenError) {
                again = try await perform(first)
            } catch let recheck where recheck.isNotFound {
                var gone = DeleteResult(json: [:], name: answer.name, confirmed: true)
                gone.deleted = true
                return gone
            }
            guard !again.deleted, let fresh = again.confirm else { return again }
            return try await perform(confirming(fresh))
        }
    }
}
