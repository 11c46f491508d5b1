package io.loadstack.api.plans;

import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.netty.handler.codec.DecoderException;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a plan upload's form parts as they complete: {@code name} and {@code generator} as text, {@code main}
 * and each {@code files} part into a temporary file while its SHA-256 is computed, each checked against the
 * limits at once so that a refused upload stops being read.
 */
@Singleton
class PlanUploadReader {

    private static final int MAX_TEXT_PART = 1024;
    /** Longer than the server's idle timeout: a stalled client is cut off by that first. */
    private static final long WAIT_MINUTES = 10;

    private final PlanSettings limits;

    PlanUploadReader(PlanSettings limits) {
        this.limits = limits;
    }

    /**
     * Waits for the whole form; to be called on a blocking thread.
     *
     * @throws BadPlanUploadException when a part is missing, unknown or of the wrong kind
     * @throws PlanTooLargeException  when a file, the files together or their number is above the limits
     */
    PlanUpload read(Publisher<CompletedPart> parts) {
        Collector collector = new Collector();
        parts.subscribe(collector);
        try {
            return collector.result.get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("reading a plan upload failed", e.getCause());
        } catch (TimeoutException e) {
            collector.abandon();
            throw new BadPlanUploadException("the upload did not complete within " + WAIT_MINUTES + " minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            collector.abandon();
            throw new IllegalStateException("interrupted while reading a plan upload", e);
        }
    }

    private final class Collector implements Subscriber<CompletedPart> {

        final CompletableFuture<PlanUpload> result = new CompletableFuture<>();
        private final List<UploadedFile> dataFiles = new ArrayList<>();
        private Subscription subscription;
        private String name;
        private String generator;
        private UploadedFile main;
        private long total;

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(CompletedPart part) {
            if (result.isDone()) {
                release(part);
                return;
            }
            try {
                take(part);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        @Override
        public void onError(Throwable error) {
            // The server's own limits (request size, multipart file size) end the form here too, and stay 413s.
            if (error instanceof DecoderException) {
                fail(new BadPlanUploadException("the body is not a valid multipart/form-data form: every part needs a "
                        + "Content-Disposition with a name, and the parts end with the boundary of the Content-Type"));
            } else {
                fail(error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error));
            }
        }

        @Override
        public void onComplete() {
            if (result.isDone()) {
                return;
            }
            if (main == null) {
                fail(new BadPlanUploadException("the form part 'main' is missing: the .jmx or locustfile, e.g. curl -F main=@plan.jmx"));
                return;
            }
            result.complete(new PlanUpload(name, generator, main, dataFiles));
        }

        void abandon() {
            fail(new IllegalStateException("abandoned"));
        }

        private void take(CompletedPart part) {
            String partName = part.getName();
            switch (partName == null ? "" : partName) {
                case "name" -> name = text(part);
                case "generator" -> generator = text(part);
                case "main" -> {
                    if (main != null) {
                        release(part);
                        throw new BadPlanUploadException("the form part 'main' came twice: a plan has one main file");
                    }
                    main = file(part, limits.maxMainFileSize(), "the main file");
                }
                case "files" -> {
                    if (dataFiles.size() + 1 >= limits.maxFiles()) {
                        release(part);
                        throw new PlanTooLargeException("a plan version has at most " + limits.maxFiles() + " files, the main file included");
                    }
                    dataFiles.add(file(part, limits.maxDataFileSize(), "each data file"));
                }
                default -> {
                    release(part);
                    throw new BadPlanUploadException("unknown form part '" + shorten(partName)
                            + "': a plan upload has name, generator, main and files");
                }
            }
        }

        private String text(CompletedPart part) {
            byte[] bytes;
            try {
                bytes = part.getBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (bytes.length > MAX_TEXT_PART) {
                throw new BadPlanUploadException("the form part '" + part.getName() + "' is longer than " + MAX_TEXT_PART + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private UploadedFile file(CompletedPart part, long limit, String what) {
            if (!(part instanceof CompletedFileUpload upload) || upload.getFilename() == null || upload.getFilename().isEmpty()) {
                release(part);
                throw new BadPlanUploadException("the form part '" + part.getName() + "' must be a file with a file name, e.g. curl -F "
                        + part.getName() + "=@plan.jmx");
            }
            String fileName = upload.getFilename();
            try {
                FileNames.requireSafe(fileName);
            } catch (UnsafeFileNameException e) {
                upload.discard();
                throw e;
            }
            if (upload.getSize() > limit) {
                upload.discard();
                throw tooLarge(what, limit, fileName);
            }
            if (total + upload.getSize() > limits.maxTotalSize()) {
                upload.discard();
                throw new PlanTooLargeException("the files of a plan version are at most " + limits.maxTotalSize() + " bytes together");
            }
            Path temp = null;
            try {
                temp = Files.createTempFile("loadstack-plan-", ".upload");
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long size;
                try (InputStream in = upload.getInputStream();
                     OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                    size = in.transferTo(out);
                }
                total += size;
                return new UploadedFile(fileName, size, HexFormat.of().formatHex(sha256.digest()), temp);
            } catch (IOException e) {
                deleteQuietly(temp);
                throw new UncheckedIOException("copying an uploaded file failed", e);
            } catch (NoSuchAlgorithmException e) {
                deleteQuietly(temp);
                throw new IllegalStateException(e);
            }
        }

        private void fail(RuntimeException error) {
            if (result.completeExceptionally(error)) {
                if (subscription != null) {
                    subscription.cancel();
                }
                if (main != null) {
                    main.delete();
                }
                dataFiles.forEach(UploadedFile::delete);
            }
        }
    }

    private static PlanTooLargeException tooLarge(String what, long limit, String fileName) {
        return new PlanTooLargeException(shorten(fileName) + " is too large: " + what + " is at most " + limit + " bytes");
    }

    private static void release(CompletedPart part) {
        try {
            if (part instanceof CompletedFileUpload upload) {
                upload.discard();
            } else {
                part.getBytes();
            }
        } catch (IOException | RuntimeException ignored) {
            // Already released: nothing left to free.
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // left to the OS's temporary-file cleanup
            }
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
