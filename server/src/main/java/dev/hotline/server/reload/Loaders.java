package dev.hotline.server.reload;

/** How a class loader is named in reports and in {@code --loader}. */
final class Loaders {
    private Loaders() {
    }

    /** {@code app}, {@code platform}, {@code bootstrap}, the loader's own name, or its class and identity. */
    static String describe(ClassLoader loader) {
        if (loader == null) {
            return "bootstrap";
        }
        if (loader.getName() != null) {
            return loader.getName();
        }
        return loader.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(loader));
    }
}
