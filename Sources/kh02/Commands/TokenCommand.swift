import ArgumentParser
import Foundation
import KH02Core
import KH02Storage

/// `kh02 token …`: API tokens for officers and systems. Only a hash is stored; the secret is printed once.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "API tokens: create, list, revoke / Quản lý mã truy cập.",
        subcommands: [Create.self, List.self, Revoke.self])

    static var operatorName: String { "\(ProcessInfo.processInfo.environment["USER"] ?? "operator") (kh02 token)" }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it once.",
            discussion: """
                Roles: admin, central (read everything), province (--scope 2-digit code: its province and communes),
                commune (--scope 5-digit code), agency (--scope agency code, e.g. BCA).
                Example: kh02 token create --role province --scope 01 --name "Sở KH&CN Hà Nội"
                """)

        @Option(help: "admin, central, province, commune or agency.") var role: String
        @Option(help: "The unit of a province, commune or agency token.") var scope: String?
        @Option(help: "Who or what the token is for (shown in the audit log).") var name: String
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard Principal(role: role, unit: scope.flatMap(AnyUnitCode.init)) != nil else {
                throw ValidationError(
                    role == .admin || role == .central
                        ? "--scope is not used with --role \(role.rawValue)"
                        : "--role \(role.rawValue) needs --scope with a \(role.rawValue) code")
            }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty") }
        }

        func run() async throws {
            let logger = LoggerFactory.bootstrap(label: "kh02.token")
            let principal = Principal(role: Role(rawValue: role)!, unit: scope.flatMap(AnyUnitCode.init))!
            let name = self.name
            try await DatabaseRun.withSchema(database, command: "token create", logger: logger) { client, _ in
                if let unit = principal.unit {
                    let snapshot = try await PostgresUnitStore(client: client, logger: logger).directory().snapshot(at: Date())
                    let known: Bool =
                        switch unit {
                        case .province(let code): snapshot.provinces.contains { $0.code == code }
                        case .commune(let code): snapshot.index(of: code) != nil
                        case .agency(let code): snapshot.agencies.contains { $0.code == code }
                        }
                    guard known else { throw ValidationError("no \(principal.role.rawValue) has code \(unit) today") }
                }
                let issued = try await PostgresAccountStore(client: client, logger: logger).issue(
                    name: name, principal: principal, createdBy: TokenCommand.operatorName)
                print("""
                    Token for \(name) (\(principal)), id \(issued.account.id.uuidString.lowercased()).
                    Shown only now; keep it secret / Chỉ hiển thị một lần, hãy giữ bí mật:

                    \(issued.secret)
                    """)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = LoggerFactory.bootstrap(label: "kh02.token")
            try await DatabaseRun.with(database, command: "token list", logger: logger) { client in
                for account in try await PostgresAccountStore(client: client, logger: logger).accounts() {
                    let state = account.revokedAt.map { "revoked \(VietnamTime.format($0))" } ?? "active"
                    print("\(account.id.uuidString.lowercased())  \(account.prefix)…  \(String(describing: account.principal).padding(toLength: 16, withPad: " ", startingAt: 0))  \(state.padding(toLength: 26, withPad: " ", startingAt: 0))  \(account.name)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id; it stops working at once.")
        @Argument(help: "The token id (from `kh02 token list`).") var id: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw ValidationError("\(id) is not a token id") }
            let logger = LoggerFactory.bootstrap(label: "kh02.token")
            let revoked = try await DatabaseRun.with(database, command: "token revoke", logger: logger) { client in
                try await PostgresAccountStore(client: client, logger: logger).revoke(id: uuid, by: TokenCommand.operatorName)
            }
            guard revoked else { throw ValidationError("no active token has id \(id)") }
            print("Revoked / Đã thu hồi \(id).")
        }
    }
}
