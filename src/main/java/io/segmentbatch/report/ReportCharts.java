package io.segmentbatch.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report's inline SVG charts. Each has a {@code viewBox} and scales to its container's width, so it never
 * overflows; labels of fixed width are cut, with the whole text in a {@code <title>} tooltip.
 */
final class ReportCharts {
    private static final int WIDTH = 960;
    private static final int LABEL = 270;
    private static final int BAR_MAX = 580;
    private static final int ROW = 22;
    private static final int SPARK_W = 180;
    private static final int SPARK_H = 36;

    /** One bar: a segment's name, type and members. */
    record Bar(String name, String type, long value) {}

    private ReportCharts() {}

    static String color(String type) {
        return switch (type) {
            case "auto-update" -> "#2563eb";
            case "passive" -> "#7c3aed";
            default -> "#64748b";
        };
    }

    /** Horizontal bars, one row per segment, in the given order. */
    static String bars(List<Bar> bars) {
        long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
        int height = bars.size() * ROW + 8;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"bars\" viewBox=\"0 0 %d %d\" role=\"img\" "
                        + "aria-label=\"Members per segment\" xmlns=\"http://www.w3.org/2000/svg\">",
                WIDTH,
                height));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 4 + i * ROW;
            double length = max == 0 ? 0 : Math.max(bar.value() == 0 ? 0 : 1, (double) bar.value() / max * BAR_MAX);
            svg.append("<g><title>")
                    .append(Html.escape(bar.name()))
                    .append(": ")
                    .append(Html.number(bar.value()))
                    .append(" members (")
                    .append(Html.escape(bar.type()))
                    .append(")</title>");
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%s</text>",
                    LABEL - 10,
                    y + 15,
                    Html.escape(Html.cut(bar.name(), 36))));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"2\" fill=\"%s\"/>",
                    LABEL,
                    y + 3,
                    length,
                    ROW - 6,
                    color(bar.type())));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" class=\"value\">%s</text></g>",
                    LABEL + length + 6,
                    y + 15,
                    Html.number(bar.value())));
        }
        return svg.append("</svg>").toString();
    }

    /** A segment's size over runs, oldest left; a run that did not evaluate the segment is a gap (null). */
    static String sparkline(List<Long> sizes) {
        long max = sizes.stream()
                .filter(v -> v != null)
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
        long min = sizes.stream()
                .filter(v -> v != null)
                .mapToLong(Long::longValue)
                .min()
                .orElse(0);
        StringBuilder points = new StringBuilder();
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) == null) {
                continue;
            }
            lastX = x(i, sizes.size());
            lastY = max == min ? SPARK_H / 2.0 : 4 + (SPARK_H - 8) * (1 - (double) (sizes.get(i) - min) / (max - min));
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", lastX, lastY));
        }
        return String.format(
                Locale.ROOT,
                "<svg class=\"spark\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">"
                        + "<title>members, oldest run left: %s to %s</title>"
                        + "<polyline points=\"%s\" fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.5\"/>"
                        + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#2563eb\"/></svg>",
                SPARK_W,
                SPARK_H,
                Html.number(min),
                Html.number(max),
                points.toString().trim(),
                lastX,
                lastY);
    }

    /** Entered (up, green) and left (down, red) per run, oldest left, on one scale. */
    static String changes(List<Long> entered, List<Long> left) {
        long max = scale(entered, left);
        double half = SPARK_H / 2.0 - 2;
        double barWidth = Math.max(1.5, (double) (SPARK_W - 8) / Math.max(1, entered.size()) - 1.5);
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg class=\"spark\" viewBox=\"0 0 %d %d\" "
                        + "xmlns=\"http://www.w3.org/2000/svg\"><title>entered (up) and left (down) per run, oldest left; "
                        + "a full bar is %s or more</title><line x1=\"0\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#cbd5e1\"/>",
                SPARK_W,
                SPARK_H,
                Html.number(max),
                SPARK_W,
                SPARK_H / 2.0,
                SPARK_H / 2.0));
        for (int i = 0; i < entered.size(); i++) {
            double x = x(i, entered.size()) - barWidth / 2;
            double up = half * Math.min(1, (double) value(entered.get(i)) / max);
            double down = half * Math.min(1, (double) value(left.get(i)) / max);
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#16a34a\"/>",
                    x,
                    SPARK_H / 2.0 - up,
                    barWidth,
                    up));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#dc2626\"/>",
                    x,
                    SPARK_H / 2.0,
                    barWidth,
                    down));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The value a full bar stands for: the largest, unless one run dwarfs all others (a segment's first run, when
     * every member enters); then that bar is cut at the top and the others stay readable.
     */
    private static long scale(List<Long> entered, List<Long> left) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < entered.size(); i++) {
            values.add(value(entered.get(i)));
            values.add(value(left.get(i)));
        }
        values.sort(Comparator.reverseOrder());
        long largest = values.isEmpty() ? 0 : values.get(0);
        long next = values.size() < 2 ? 0 : values.get(1);
        return Math.max(1, next > 0 && largest > 4 * next ? next + next / 4 : largest);
    }

    private static double x(int i, int count) {
        return count <= 1 ? SPARK_W / 2.0 : 4 + (SPARK_W - 8) * (double) i / (count - 1);
    }

    private static long value(Long v) {
        return v == null ? 0 : v;
    }
}
