public import PostgresNIO

extension TestDatabase {
    /// Runs `body` while all `poolSize` connections of `client`'s pool are leased and idle, as long uploads would
    /// hold them; gives them back afterwards.
    public static func whileEveryConnectionIsTaken(
        of client: PostgresClient, poolSize: Int, _ body: @Sendable () async throws -> Void
    ) async throws {
        let (release, releaser) = AsyncStream.makeStream(of: Void.self)
        let (taken, taker) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<poolSize {
                group.addTask {
                    try await client.withConnection { _ in
                        taker.yield()
                        for await _ in release {}
                    }
                }
            }
            var held = 0
            for await _ in taken {
                held += 1
                if held == poolSize { break }
            }
            defer { releaser.finish() }
            try await body()
        }
    }
}
