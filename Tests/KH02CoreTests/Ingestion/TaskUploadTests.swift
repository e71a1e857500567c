import Foundation
import KH02Core
import Testing

@Suite("Task-status uploads")
struct TaskUploadTests {
    typealias F = UploadFixtures
    let header = "unit_code,task_code,status,progress,completed_on,as_of,note"

    @Test("valid rows for a province, an agency and a commune task, with Vietnamese status words and defaults")
    func valid() throws {
        let upload = try #require(
            F.validator().validate(
                kind: .tasks, format: .csv,
                body: F.csv(
                    header, "01,TB408-DVCTT-XA,done,,2025-08-10,2025-08-19,Đã xong",
                    "79,TB329-CKS-CONGVU,đang thực hiện,60%,,2025-08-19,", "BCA,bca-vneid,chưa bắt đầu,,,2025-08-19,",
                    "00004,XA-WIFI,in_progress,35.5,,19/08/2025,")).accepted)
        let rows = upload.taskRows
        #expect(rows.map(\.status) == [.done, .inProgress, .notStarted, .inProgress])
        #expect(rows.map(\.progress.value) == [100, 60, 0, 35.5])
        #expect(rows[0].completedOn == F.day("2025-08-10"))
        #expect(rows[2].task == TaskCode(rawValue: "BCA-VNEID"))
        #expect(rows.allSatisfy { $0.asOf == F.vn("2025-08-19 16:00") })
        let report = try rows[0].report(id: "t-1", receivedAt: F.now)
        #expect(report.status == .done && report.completedOn == F.day("2025-08-10"))
        #expect(upload.units.count == 4)
        #expect(upload.summary[0].task == TaskCode(rawValue: "TB408-DVCTT-XA"))
        #expect(upload.summary[0].accepted["completed_on"] == "2025-08-10")
    }

    @Test("a task not in the plan is unknown; a unit not owning the task is refused")
    func unknownAndNotOwned() {
        let problems = F.validator().validate(
            kind: .tasks, format: .csv,
            body: F.csv(
                header, "01,NO-SUCH-TASK,done,,2025-08-10,2025-08-19,", "00004,TB408-DVCTT-XA,in_progress,10,,2025-08-19,",
                "VPCP,BCA-VNEID,in_progress,10,,2025-08-19,", "01,XA-WIFI,in_progress,10,,2025-08-19,")).problems
        #expect(problems.map(\.code) == [.unknownTask, .taskNotForUnit, .taskNotForUnit, .taskNotForUnit])
        #expect(problems.map(\.row) == [2, 3, 4, 5])
    }

    @Test("an agency principal may report only its own tasks")
    func agencyScope() {
        let bca = AgencyCode(rawValue: "BCA")!
        let ok = F.validator(.agency(bca)).validate(
            kind: .tasks, format: .csv, body: F.csv(header, "BCA,BCA-VNEID,in_progress,10,,2025-08-19,"))
        #expect(ok.accepted != nil)
        let other = F.validator(.agency(bca)).validate(
            kind: .tasks, format: .csv, body: F.csv(header, "01,TB408-DVCTT-XA,in_progress,10,,2025-08-19,"))
        #expect(other.problems.map(\.code) == [.outOfScope])
    }

    @Test("an unknown status word is refused")
    func invalidStatus() {
        let problems = F.validator().validate(
            kind: .tasks, format: .csv, body: F.csv(header, "01,TB408-DVCTT-XA,finished,100,2025-08-10,2025-08-19,")).problems
        #expect(problems.map(\.code) == [.invalidStatus])
    }

    @Test("progress outside 0–100, unreadable, or missing while in progress is refused")
    func progressRange() {
        let problems = F.validator().validate(
            kind: .tasks, format: .csv,
            body: F.csv(
                header, "01,TB408-DVCTT-XA,in_progress,120,,2025-08-19,", "79,TB408-DVCTT-XA,in_progress,-5,,2025-08-19,",
                "01,TB329-CKS-CONGVU,in_progress,nhiều,,2025-08-19,", "79,TB329-CKS-CONGVU,in_progress,,,2025-08-19,")).problems
        #expect(problems.map(\.code) == [.outOfRange, .outOfRange, .invalidNumber, .missingValue])
    }

    @Test("a done task with progress below 100 is recorded at 100 with a warning")
    func doneProgress() throws {
        let upload = try #require(
            F.validator().validate(
                kind: .tasks, format: .csv, body: F.csv(header, "01,TB408-DVCTT-XA,done,80,2025-08-10,2025-08-19,")).accepted)
        #expect(upload.taskRows.first?.progress == .complete)
        #expect(upload.warnings.map(\.code) == [.progressSetTo100])
    }

    @Test("completed_on: required when done, refused otherwise, never in the future or after the as-of")
    func completion() {
        let problems = F.validator().validate(
            kind: .tasks, format: .csv,
            body: F.csv(
                header, "01,TB408-DVCTT-XA,done,,,2025-08-19,", "79,TB408-DVCTT-XA,in_progress,50,2025-08-10,2025-08-19,",
                "01,TB329-CKS-CONGVU,done,,2025-08-25,2025-08-19,", "79,TB329-CKS-CONGVU,done,,2025-08-20,2025-08-19,",
                "01,TB408-25DVC-TRUCTUYEN,done,,10/8/2025 ,2025-08-19,", "79,TB408-25DVC-TRUCTUYEN,done,,mười,2025-08-19,"))
            .problems
        #expect(problems.map(\.code) == [
            .completedOnMissing, .completedOnNotAllowed, .completedOnInFuture, .completedOnAfterAsOf, .invalidDate,
        ])
        #expect(problems.map(\.row) == [2, 3, 4, 5, 7])
    }

    @Test("the same unit and task twice at one as-of is a duplicate")
    func duplicates() {
        let problems = F.validator().validate(
            kind: .tasks, format: .csv,
            body: F.csv(
                header, "01,TB408-DVCTT-XA,in_progress,10,,2025-08-19,", "01,TB408-DVCTT-XA,in_progress,20,,2025-08-18,",
                "01,TB408-DVCTT-XA,in_progress,30,,2025-08-19T16:00+07:00,")).problems
        #expect(problems.map(\.code) == [.duplicateRow])
        #expect(problems.first?.row == 4)
    }

    @Test("a future or pre-plan as-of is refused for tasks too")
    func asOfChecks() {
        let problems = F.validator().validate(
            kind: .tasks, format: .csv,
            body: F.csv(header, "01,TB408-DVCTT-XA,in_progress,10,,2025-09-01,", "79,TB408-DVCTT-XA,in_progress,10,,2025-01-01,"))
            .problems
        #expect(problems.map(\.code) == [.asOfInFuture, .asOfBeforePlan])
    }
}
