package io.segmentbatch.customer;

import io.segmentbatch.filter.FieldType;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The fixed columns of Voucherify's customer export, with the filter path and type of each. */
enum ExportColumn {
    ID("id", "id", FieldType.STRING),
    SOURCE_ID("source_id", "source_id", FieldType.STRING),
    NAME("name", "name", FieldType.STRING),
    EMAIL("email", "email", FieldType.STRING),
    PHONE("phone", "phone", FieldType.STRING),
    DESCRIPTION("description", "description", FieldType.STRING),
    CREATED_AT("created_at", "created_at", FieldType.DATETIME),
    UPDATED_AT("updated_at", "updated_at", FieldType.DATETIME),
    BIRTHDATE("birthdate", "birthdate", FieldType.DATE),
    ADDRESS_CITY("address_city", "address.city", FieldType.STRING),
    ADDRESS_STATE("address_state", "address.state", FieldType.STRING),
    ADDRESS_LINE_1("address_line_1", "address.line_1", FieldType.STRING),
    ADDRESS_LINE_2("address_line_2", "address.line_2", FieldType.STRING),
    ADDRESS_COUNTRY("address_country", "address.country", FieldType.STRING),
    ADDRESS_POSTAL_CODE("address_postal_code", "address.postal_code", FieldType.STRING),
    REDEMPTIONS_TOTAL_REDEEMED(
            "redemptions_total_redeemed", "summary.redemptions.total_redeemed", FieldType.NUMBER, true),
    REDEMPTIONS_TOTAL_FAILED("redemptions_total_failed", "summary.redemptions.total_failed", FieldType.NUMBER, true),
    REDEMPTIONS_TOTAL_SUCCEEDED(
            "redemptions_total_succeeded", "summary.redemptions.total_succeeded", FieldType.NUMBER, true),
    REDEMPTIONS_TOTAL_ROLLED_BACK(
            "redemptions_total_rolled_back", "summary.redemptions.total_rolled_back", FieldType.NUMBER, true),
    REDEMPTIONS_TOTAL_ROLLBACK_FAILED(
            "redemptions_total_rollback_failed", "summary.redemptions.total_rollback_failed", FieldType.NUMBER, true),
    REDEMPTIONS_TOTAL_ROLLBACK_SUCCEEDED(
            "redemptions_total_rollback_succeeded",
            "summary.redemptions.total_rollback_succeeded",
            FieldType.NUMBER,
            true),
    ORDERS_TOTAL_AMOUNT("orders_total_amount", "summary.orders.total_amount", FieldType.NUMBER),
    ORDERS_AVERAGE_AMOUNT("orders_average_amount", "summary.orders.average_amount", FieldType.NUMBER),
    ORDERS_LAST_ORDER_AMOUNT("orders_last_order_amount", "summary.orders.last_order_amount", FieldType.NUMBER),
    ORDERS_TOTAL_COUNT("orders_total_count", "summary.orders.total_count", FieldType.NUMBER, true),
    ORDERS_LAST_ORDER_DATE("orders_last_order_date", "summary.orders.last_order_date", FieldType.DATETIME),
    LOYALTY_POINTS("loyalty_points", "loyalty.points", FieldType.NUMBER, true),
    LOYALTY_REFERRED_CUSTOMERS("loyalty_referred_customers", "loyalty.referred_customers", FieldType.NUMBER, true);

    private static final Map<String, ExportColumn> BY_HEADER = new HashMap<>();
    private static final Map<String, ExportColumn> BY_PATH = new HashMap<>();

    static {
        for (ExportColumn column : values()) {
            BY_HEADER.put(column.header, column);
            BY_PATH.put(column.path, column);
        }
        BY_HEADER.put("birthday", BIRTHDATE);
    }

    final String header;
    final String path;
    final FieldType type;
    /** An integer column (counts and points): a number with a decimal part rejects its row. */
    final boolean whole;

    ExportColumn(String header, String path, FieldType type) {
        this(header, path, type, false);
    }

    ExportColumn(String header, String path, FieldType type, boolean whole) {
        this.header = header;
        this.path = path;
        this.type = type;
        this.whole = whole;
    }

    /** The column a header names, matched ignoring case, surrounding spaces and space/dash/underscore. */
    static Optional<ExportColumn> forHeader(String header) {
        return Optional.ofNullable(BY_HEADER.get(normalize(header)));
    }

    /** The column that feeds a canonical filter path. */
    static Optional<ExportColumn> forPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    static String normalize(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }
}
