package dev.hotline.server.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Images the JDK draws ({@code BufferedImage} and every other {@code RenderedImage}) as PNG. Only touched when
 * the service's runtime has the {@code java.desktop} module, so a service on a runtime without it is not made
 * to load it.
 */
final class Images {
    private static final boolean DESKTOP = ModuleLayer.boot().findModule("java.desktop").isPresent();

    private Images() {
    }

    static boolean isImage(Object value) {
        return DESKTOP && value instanceof RenderedImage;
    }

    static byte[] png(Object image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write((RenderedImage) image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
