package io.segmentbatch.api;

/** Example bodies for the OpenAPI document, taken from real answers of the service (IDs shortened by nothing). */
final class ApiExamples {
    static final String LAUNCH = """
            {"input": "exports/customers-2026-11-28.csv", "as_of": "2026-11-28T00:00:00Z"}""";
    static final String RUN = """
            {"object": "run", "id": "run_20261128T023000_Ab12Cd34", "job": "nightly-segments", "status": "STARTED",
             "trigger": "api", "input_files": ["exports/customers-2026-11-28.csv"], "as_of": "2026-11-28T00:00:00.000Z",
             "created_at": "2026-11-28T02:30:00.120Z",
             "steps": [{"name": "evaluate", "status": "STARTED", "read_count": 45000, "write_count": 45000,
                        "skip_count": 2, "commit_count": 9}],
             "report": null}""";
    static final String JOBS = """
            {"object": "list", "data_ref": "jobs", "jobs": [
              {"object": "job", "name": "nightly-segments", "description": "Segments refreshed every night",
               "schedule": {"cron": "0 30 2 * * *", "zone": "Europe/Warsaw"}, "next_run_at": "2026-11-29T01:30:00.000Z",
               "inbox": "inbox/nightly-segments", "input": "exports/customers.csv", "active_run_id": null,
               "last_run": {"id": "run_20261128T023000_Ab12Cd34", "status": "COMPLETED", "trigger": "schedule",
                            "created_at": "2026-11-28T02:30:00.120Z"},
               "held_run_ids": []}],
             "total": 1}""";
    static final String NEW_STATIC_SEGMENT = """
            {"name": "Customers in a new Segment", "type": "static",
             "customers": ["cust_iajsExT2QB4sGWzABY85WRqV", "cust_sehkNIi8Uq2qQuRqSr7xn4Zi"]}""";
    static final String NEW_FILTER_SEGMENT = """
            {"name": "Warsaw", "type": "auto-update", "job": "nightly-segments",
             "filter": {"junction": "and", "address.city": {"conditions": {"$is": ["Warsaw"]}}}}""";
    static final String SEGMENT = """
            {"id": "seg_vC8iOSCqUG02EsPzsHynLv8i", "name": "Customers in a new Segment",
             "created_at": "2026-11-28T08:57:15.801Z", "type": "static", "filter": null,
             "initial_sync_status": "DONE", "object": "segment"}""";
    static final String SEGMENTS = """
            {"object": "list", "data_ref": "data", "data": [
              {"id": "seg_vC8iOSCqUG02EsPzsHynLv8i", "name": "Customers in a new Segment",
               "created_at": "2026-11-28T08:57:15.801Z", "type": "static", "filter": null,
               "initial_sync_status": "DONE", "object": "segment"}],
             "total": 1}""";
    static final String CUSTOMER_SEGMENTS = """
            {"object": "list", "data_ref": "data", "data": [
              {"id": "seg_vC8iOSCqUG02EsPzsHynLv8i", "name": "Big spenders", "object": "segment"}], "total": 1}""";
    static final String CUSTOMERS = """
            {"object": "list", "data_ref": "customers", "customers": [
              {"id": "cust_iajsExT2QB4sGWzABY85WRqV", "source_id": "crm-1001", "object": "customer"}],
             "total": 45210, "has_more": true}""";
    static final String NOT_FOUND = """
            {"code": 404, "key": "not_found", "message": "Resource not found",
             "details": "Cannot find segment with id seg_vC8iOSCqUG02EsPzsHynLv8i", "request_id": "v-0c5f1d6e7a",
             "resource_id": "seg_vC8iOSCqUG02EsPzsHynLv8i", "resource_type": "segment"}""";
    static final String CONFLICT = """
            {"code": 409, "key": "job_running", "message": "Conflict",
             "details": "Job nightly-segments is already running (run run_20261128T023000_Ab12Cd34).",
             "request_id": "v-0c5f1d6e7a"}""";
    static final String UNAUTHORIZED = """
            {"code": 401, "key": "unauthorized", "message": "Unauthorized",
             "details": "The X-App-Id and X-App-Token headers are required.", "request_id": "v-0c5f1d6e7a"}""";

    private ApiExamples() {}
}
