/// `havenflow store migrate` and `havenflow store status`, for any front end.
extension StateDirectory {
    /// Brings the store's schema up to this havenflow's version (opening a store does it as well; an
    /// operator may want the step on its own, before the first run) and says what it did.
    public func migrateStore() async throws(RuntimeError) -> String {
        let store = try openStore()
        var applied: [String] = []
        if let postgres = store as? PostgresStateStore {
            applied = try await storeCall { () async throws(StateStoreError) in try await postgres.connect() }
        }
        let status = try await storeCall { () async throws(StateStoreError) in try await store.status() }
        await store.close()
        guard !applied.isEmpty else {
            return "\(status.location): the schema is at version \(status.schemaVersion); nothing to migrate"
        }
        return "\(status.location): applied \(applied.joined(separator: "; ")); the schema is at version \(status.schemaVersion)"
    }

    /// The store's backend, schema version and counts.
    public func storeStatus() async throws(RuntimeError) -> StoreStatus {
        let store = try openStore()
        let status = try await storeCall { () async throws(StateStoreError) in try await store.status() }
        await store.close()
        return status
    }
}
