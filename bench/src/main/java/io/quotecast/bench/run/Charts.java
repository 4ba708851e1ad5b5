package io.quotecast.bench.run;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * PNG charts with nothing but java.awt (headless): lines of points, and grouped bars. Small and
 * plain: a title, labelled axes with round ticks, a legend.
 */
final class Charts {

    record Series(String name, Color color, List<double[]> points) {
    }

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private static final int W = 960, H = 520, LEFT = 80, RIGHT = 250, TOP = 50, BOTTOM = 60;

    private Charts() {
    }

    static void lines(Path file, String title, String xLabel, String yLabel, boolean logY, List<Series> series)
            throws IOException {
        double xMax = 0, yMin = Double.MAX_VALUE, yMax = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                xMax = Math.max(xMax, p[0]);
                yMax = Math.max(yMax, p[1]);
                yMin = Math.min(yMin, p[1]);
            }
        }
        xMax = niceCeil(Math.max(xMax, 1));
        double lo = logY ? Math.pow(10, Math.floor(Math.log10(Math.max(yMin, 0.1)))) : 0;
        double hi = logY ? Math.pow(10, Math.ceil(Math.log10(Math.max(yMax, lo * 10)))) : niceCeil(Math.max(yMax, 1));
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(image, title, xLabel, yLabel);
        for (int i = 0; i <= 5; i++) {
            double x = xMax * i / 5;
            int px = LEFT + (int) ((W - LEFT - RIGHT) * i / 5.0);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(px, TOP, px, H - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(x), px - 20, H - BOTTOM + 18);
        }
        yGrid(g, lo, hi, logY);
        int row = 0;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            int[] last = null;
            for (double[] p : s.points()) {
                int px = LEFT + (int) ((W - LEFT - RIGHT) * p[0] / xMax);
                int py = yPixel(Math.max(p[1], lo), lo, hi, logY);
                g.fillOval(px - 4, py - 4, 8, 8);
                if (last != null) {
                    g.drawLine(last[0], last[1], px, py);
                }
                last = new int[] {px, py};
            }
            legend(g, row++, s.name(), s.color());
        }
        write(image, g, file);
    }

    /** Horizontal grid lines with their labels: one per decade on a log scale, five steps otherwise. */
    private static void yGrid(Graphics2D g, double lo, double hi, boolean logY) {
        int lines = logY ? (int) Math.round(Math.log10(hi / lo)) : 5;
        for (int i = 0; i <= lines; i++) {
            double y = logY ? lo * Math.pow(10, i) : hi * i / 5;
            int py = yPixel(y, lo, hi, logY);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, py, W - RIGHT, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(y), 10, py + 5);
        }
    }

    /** {@code values[series][group]}; NaN leaves a gap. */
    static void bars(Path file, String title, String yLabel, List<String> groups, List<String> seriesNames,
                     double[][] values, boolean logY) throws IOException {
        double max = 0, min = Double.MAX_VALUE;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        double lo = logY ? Math.pow(10, Math.floor(Math.log10(Math.max(min, 0.1)))) : 0;
        double hi = logY ? Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10)))) : niceCeil(Math.max(max, 1));
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(image, title, "", yLabel);
        yGrid(g, lo, hi, logY);
        int plot = W - LEFT - RIGHT;
        int groupWidth = plot / Math.max(1, groups.size());
        int barWidth = Math.max(4, (groupWidth - 20) / Math.max(1, seriesNames.size()));
        for (int gi = 0; gi < groups.size(); gi++) {
            int x0 = LEFT + gi * groupWidth + 10;
            g.setColor(Color.DARK_GRAY);
            g.drawString(groups.get(gi), x0, H - BOTTOM + 18);
            for (int si = 0; si < seriesNames.size(); si++) {
                double v = values[si][gi];
                if (Double.isNaN(v)) {
                    continue;
                }
                int top = yPixel(Math.max(v, lo), lo, hi, logY);
                g.setColor(PALETTE[si % PALETTE.length]);
                g.fillRect(x0 + si * barWidth, top, barWidth - 2, H - BOTTOM - top);
            }
        }
        for (int si = 0; si < seriesNames.size(); si++) {
            legend(g, si, seriesNames.get(si), PALETTE[si % PALETTE.length]);
        }
        write(image, g, file);
    }

    private static Graphics2D frame(BufferedImage image, String title, String xLabel, String yLabel) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
        g.drawString(xLabel, LEFT + (W - LEFT - RIGHT) / 2 - 60, H - 20);
        g.drawString(yLabel, 10, TOP - 10);
        return g;
    }

    private static void legend(Graphics2D g, int row, String name, Color color) {
        int y = TOP + 10 + row * 22;
        g.setColor(color);
        g.fillRect(W - RIGHT + 15, y, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString(name, W - RIGHT + 35, y + 12);
    }

    private static int yPixel(double y, double lo, double hi, boolean logY) {
        double f = logY ? (Math.log10(y) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (y - lo) / (hi - lo);
        return H - BOTTOM - (int) ((H - TOP - BOTTOM) * Math.max(0, Math.min(1, f)));
    }

    private static double niceCeil(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double v) {
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return v >= 10 || v == 0 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static void write(BufferedImage image, Graphics2D g, Path file) throws IOException {
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
