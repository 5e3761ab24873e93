package io.turret.it.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** A bar chart of the wall-time ratios against the script, drawn headless with java.awt. */
final class RatioChart {
    private static final int WIDTH = 900;
    private static final int ROW = 46;
    private static final int LEFT = 300;
    private static final int TOP = 60;
    private static final Color TURRET = new Color(0x2f6db5);
    private static final Color FABRIC8 = new Color(0xb0b0b0);

    private RatioChart() {
    }

    /** {@code ratios}: per scenario, Turret / script and fabric8 / script (NaN: not measured). */
    static void write(Path png, Map<Scenario, double[]> ratios) {
        System.setProperty("java.awt.headless", "true");
        double max = Math.max(2.0, ratios.values().stream().flatMapToDouble(java.util.Arrays::stream)
                .filter(r -> !Double.isNaN(r)).max().orElse(1.0) * 1.1);
        int height = TOP + ROW * ratios.size() + 50;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Wall time against the script (median; below 1: faster than the script)", 20, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend(g, 20, 45, TURRET, "turret:release / script");
        legend(g, 220, 45, FABRIC8, "fabric8 docker-maven-plugin / script");
        int plot = WIDTH - LEFT - 40;
        int y = TOP;
        for (Map.Entry<Scenario, double[]> row : ratios.entrySet()) {
            g.setColor(Color.BLACK);
            g.drawString(row.getKey().title(), 10, y + ROW / 2 + 4);
            bar(g, y + 6, row.getValue()[0], max, plot, TURRET);
            bar(g, y + 6 + ROW / 2 - 4, row.getValue()[1], max, plot, FABRIC8);
            y += ROW;
        }
        g.setColor(Color.DARK_GRAY);
        for (double tick : List.of(0.5, 1.0, 1.5, 2.0, 3.0, 4.0)) {
            if (tick <= max) {
                int x = LEFT + (int) (plot * tick / max);
                g.setStroke(tick == 1.0 ? new BasicStroke(2f) : new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        1f, new float[] {3f, 3f}, 0f));
                g.drawLine(x, TOP - 4, x, y);
                g.drawString(Double.toString(tick), x - 8, y + 16);
            }
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + png, e);
        }
    }

    private static void bar(Graphics2D g, int y, double ratio, double max, int plot, Color color) {
        int barHeight = ROW / 2 - 6;
        if (Double.isNaN(ratio)) {
            g.setColor(Color.GRAY);
            g.drawString("not measured", LEFT + 4, y + barHeight - 3);
            return;
        }
        int width = (int) (plot * ratio / max);
        g.setColor(color);
        g.fillRect(LEFT, y, width, barHeight);
        g.setColor(Color.BLACK);
        g.drawString("%.2f".formatted(ratio), LEFT + width + 4, y + barHeight - 3);
    }

    private static void legend(Graphics2D g, int x, int y, Color color, String label) {
        g.setColor(color);
        g.fillRect(x, y - 10, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString(label, x + 18, y);
    }
}
