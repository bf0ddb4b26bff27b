import Messages
import RPC
import Spotify
import Storage
import Testing

@testable import Services

@Suite struct SpotifySignInTests {
    let storage: TemporaryDatabase
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    let api = FakeSpotifyAPI()
    let vault = SpotifyTokenVault(sealer: TokenSealer(key: [UInt8](repeating: 3, count: 32)))
    let service: AccountsService

    init() throws {
        storage = try TemporaryDatabase()
        let configuration = SpotifyConfiguration(
            endpoints: SpotifyEndpoints(clientID: "client", accountsURL: "https://accounts.test"),
            redirectURI: "https://app.test/callback")
        service = AccountsService(
            database: storage.database, clock: clock.wallClock,
            spotify: SpotifySignIn(configuration: configuration, api: api, vault: vault))
        api.script.withLock {
            $0.exchange = .success(
                SpotifyTokenGrant(accessToken: "AT-plain", refreshToken: "RT-plain", expiresInSeconds: 3600, scope: "s")
            )
            $0.profile = .success(
                SpotifyProfile(
                    id: "spotify-1", displayName: String(repeating: "n", count: 60), email: "a@example.com",
                    imageURL: "http://insecure.example/a.png"))
        }
    }

    private func context(_ method: String) -> ServerContext {
        ServerContext(
            descriptor: MethodDescriptor(service: AccountsService.name, method: method, kind: .unary),
            head: CallHead(path: "/\(AccountsService.name)/\(method)", service: AccountsService.name, method: method),
            peer: "ipv4:127.0.0.1:5000")
    }

    private func start() async throws -> String {
        try await service.startSpotifySignIn(StartSpotifySignInRequest(), context: context("StartSpotifySignIn")).state
    }

    private func complete(_ state: String, code: String = "code") async throws -> CompleteSpotifySignInResponse {
        var request = CompleteSpotifySignInRequest()
        request.state = state
        request.code = code
        return try await service.completeSpotifySignIn(request, context: context("CompleteSpotifySignIn"))
    }

    private func status(_ body: () async throws -> Void) async -> StatusCode? {
        do {
            try await body()
            return nil
        } catch let error as RPCError {
            return error.code
        } catch {
            return .unknown
        }
    }

    @Test func signInFitsTheProfileAndSealsTheTokens() async throws {
        let response = try await complete(try await start())
        let profile = try #require(response.profile)
        #expect(response.created && profile.displayName.count == 50 && profile.avatarURL.isEmpty)
        #expect(profile.email == "a@example.com" && profile.spotifyConnected)
        let row = try #require(
            try await storage.database.read { try SpotifyTokenStore($0).find(userID: profile.userID) })
        #expect(!String(decoding: row.accessToken + row.refreshToken, as: UTF8.self).contains("plain"))
        let tokens = try vault.open(row)
        #expect(tokens.accessToken == "AT-plain" && tokens.refreshToken == "RT-plain")
        #expect(row.expiresAt == clock.wallClock.nowMilliseconds + 3_600_000)
    }

    @Test func anExpiredStateIsRefusedWithoutAskingSpotify() async throws {
        let state = try await start()
        clock.advance(byMilliseconds: 10 * 60_000)
        #expect(await status { _ = try await complete(state) } == .failedPrecondition)
        #expect(api.calls("exchange").isEmpty)
    }

    @Test func spotifyFailuresMapToStatuses() async throws {
        let cases: [(SpotifyAPIError, StatusCode)] = [
            (.invalidGrant("Invalid authorization code"), .permissionDenied),
            (.invalidClient("Invalid client"), .failedPrecondition),
            (.unavailable("HTTP 502"), .unavailable),
            (.rateLimited(retryAfterSeconds: 3), .unavailable),
            (.unexpectedResponse("not JSON"), .unavailable),
        ]
        for (failure, expected) in cases {
            api.script.withLock { $0.exchange = .failure(failure) }
            let state = try await start()
            #expect(await status { _ = try await complete(state) } == expected)
        }
        let users = try await storage.database.read {
            try $0.queryFirst("SELECT count(*) FROM users") { try $0.int64(0) }
        }
        #expect(users == 0)
    }

    @Test func withoutSpotifyTheRPCsAreFailedPrecondition() async throws {
        let plain = AccountsService(database: storage.database, clock: clock.wallClock)
        #expect(
            await status {
                _ = try await plain.startSpotifySignIn(StartSpotifySignInRequest(), context: context("Start"))
            } == .failedPrecondition)
    }
}
