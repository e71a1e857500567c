/// What an account may do: administer, read everything, or act for one province, commune or central agency.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
    /// Accounts, plan versions and alert routing; may also upload for any unit (corrections).
    case admin
    /// The central committee and monitoring centre: reads everything, uploads nothing.
    case central
    /// A province officer: uploads and reads for one province and its communes.
    case province
    /// A commune officer: uploads and reads for one commune.
    case commune
    /// A central agency: uploads and reads its own task reports.
    case agency
}
