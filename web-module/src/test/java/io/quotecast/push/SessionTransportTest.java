package io.quotecast.push;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the container sees while a frame is sent (the platform loader as the thread's context
 * loader, so that Payara's per-send context capture has nothing to scan), and what the outbox
 * sees when the send completes: its application's loader, whichever thread completes it, and the
 * sending thread's loader restored afterwards.
 */
class SessionTransportTest {

    private final ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
    private final List<ClassLoader> seenBySend = new ArrayList<>();
    private final List<SendHandler> pending = new ArrayList<>();
    private boolean completeAtOnce;

    @Test
    void theContainerSendsWithThePlatformLoaderAndTheOutboxCompletesWithTheApplicationsEvenInsideTheSend() {
        completeAtOnce = true;
        List<ClassLoader> seenByOutbox = new ArrayList<>();

        withContextLoader(application, () -> transport().send("{\"type\":\"quote\"}",
                result -> seenByOutbox.add(Thread.currentThread().getContextClassLoader())));

        assertEquals(List.of(ClassLoader.getPlatformClassLoader()), seenBySend);
        assertEquals(List.of(application), seenByOutbox, "completed inside the send");
    }

    @Test
    void aSendCompletedLaterOnAnotherThreadAlsoReachesTheOutboxWithTheApplicationsLoader() throws Exception {
        List<ClassLoader> seenByOutbox = new ArrayList<>();
        withContextLoader(application, () -> transport().send("{}",
                result -> seenByOutbox.add(Thread.currentThread().getContextClassLoader())));

        ClassLoader containers = new URLClassLoader(new URL[0], null);
        List<ClassLoader> afterwards = new ArrayList<>();
        Thread ioThread = new Thread(() -> {
            pending.get(0).onResult(new SendResult());
            afterwards.add(Thread.currentThread().getContextClassLoader());
        });
        ioThread.setContextClassLoader(containers);
        ioThread.start();
        ioThread.join(10_000);

        assertEquals(List.of(application), seenByOutbox);
        assertEquals(List.of(containers), afterwards, "the completing thread's own loader back after the outbox ran");
    }

    @Test
    void theSendingThreadGetsItsLoaderBackEvenWhenTheSendFails() {
        Session broken = proxy(Session.class, (name, args) -> {
            throw new IllegalStateException("closed");
        });
        SessionTransport transport = new SessionTransport(broken, 0, null);

        withContextLoader(application, () -> {
            try {
                transport.send("{}", result -> { });
            } catch (IllegalStateException expected) {
                // As the container reports a closed session.
            }
            assertSame(application, Thread.currentThread().getContextClassLoader());
        });
    }

    private SessionTransport transport() {
        RemoteEndpoint.Async remote = proxy(RemoteEndpoint.Async.class, (name, args) -> {
            if (name.equals("sendText")) {
                seenBySend.add(Thread.currentThread().getContextClassLoader());
                SendHandler handler = (SendHandler) args[1];
                if (completeAtOnce) {
                    handler.onResult(new SendResult());
                } else {
                    pending.add(handler);
                }
            }
            return null;
        });
        Session session = proxy(Session.class, (name, args) -> name.equals("getAsyncRemote") ? remote : null);
        return new SessionTransport(session, 0, null);
    }

    private static void withContextLoader(ClassLoader loader, Runnable task) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            task.run();
            assertTrue(thread.getContextClassLoader() == loader, "the caller's loader back after the send");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args)));
    }
}
