package io.segmentbatch.sample;

import java.util.SplittableRandom;

/**
 * A generated customer's order history, as the export's {@code orders_*} and redemption columns
 * summarise it. About 30% of customers never ordered; the number of orders of the others is
 * Pareto-distributed (most have one or two, a few hundreds), the average order is log-normal
 * around 45.00 with one customer in forty a business buying ten times as much, so total amounts
 * have a long tail of big spenders. Amounts are in cents.
 *
 * @param count          number of orders
 * @param totalAmount    sum of all orders, cents
 * @param averageAmount  total / count rounded, cents; 0 without orders
 * @param lastAmount     amount of the latest order, cents; -1 when there is none
 * @param lastOrderAt    epoch millis of the latest order; -1 when unknown (no orders, or an old import)
 * @param redeemed       vouchers redeemed
 * @param loyaltyPoints  loyalty points; -1 when the customer is not in the loyalty programme
 */
record GeneratorOrders(
        long count,
        long totalAmount,
        long averageAmount,
        long lastAmount,
        long lastOrderAt,
        long redeemed,
        long loyaltyPoints) {

    private static final double MEDIAN_ORDER_LOG = Math.log(4500);

    static GeneratorOrders generate(SplittableRandom random, long createdAt, long referenceMillis) {
        long count = 0;
        if (random.nextDouble() >= 0.30) {
            double pareto = Math.pow(1.0 - random.nextDouble(), -1.0 / 1.15);
            count = Math.min(1500, (long) pareto);
        }
        long points = random.nextDouble() < 0.6 ? (random.nextInt(4) == 0 ? 100 : 0) : -1;
        if (count == 0) {
            long redeemed = random.nextInt(20) == 0 ? 1 : 0;
            return new GeneratorOrders(0, 0, 0, -1, -1, redeemed, points);
        }
        double order = Math.exp(MEDIAN_ORDER_LOG + 0.7 * random.nextGaussian());
        if (random.nextInt(40) == 0) {
            order *= 10;
        }
        long total = Math.max(100, Math.round(order * count * (0.9 + 0.2 * random.nextDouble())));
        long average = Math.round((double) total / count);
        long last = count == 1 ? total : Math.max(99, Math.round(average * Math.exp(0.5 * random.nextGaussian())));
        long lastAt = -1;
        if (random.nextInt(50) != 0) {
            double recency = Math.pow(random.nextDouble(), 1.0 + 0.4 * Math.min(count, 10));
            lastAt = referenceMillis - (long) ((referenceMillis - createdAt) * recency);
        }
        long redeemed = (long) (count * random.nextDouble() * 0.5) + (random.nextInt(3) == 0 ? 1 : 0);
        if (points >= 0) {
            points += (long) (total / 100 * (0.3 + 0.7 * random.nextDouble()));
        }
        return new GeneratorOrders(count, total, average, last, lastAt, Math.min(redeemed, count), points);
    }
}
