/*
 * Stops a thread the way a debugger does, with JVMTI StopThread: an asynchronous exception thrown into the
 * thread at its next safepoint poll, which also reaches loops in application and JDK code, where JShell's
 * own stop cannot from JDK 20 on (Thread.stop is gone). Loaded by dev.hotline.server.eval.ThreadStopper.
 */
#include <jni.h>
#include <jvmti.h>

static jvmtiEnv *jvmti = NULL;

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    jvmtiEnv *env = NULL;
    if ((*vm)->GetEnv(vm, (void **) &env, JVMTI_VERSION_1_2) == JNI_OK) {
        jvmtiCapabilities capabilities = {0};
        capabilities.can_signal_thread = 1;
        if ((*env)->AddCapabilities(env, &capabilities) == JVMTI_ERROR_NONE) {
            jvmti = env;
        }
    }
    return JNI_VERSION_1_8;
}

/* 0 when the exception was sent, a JVMTI error code otherwise, -1 without JVMTI. */
JNIEXPORT jint JNICALL Java_dev_hotline_server_eval_ThreadStopper_stopThread(JNIEnv *env, jclass type,
        jthread thread, jobject exception) {
    if (jvmti == NULL) {
        return -1;
    }
    return (jint) (*jvmti)->StopThread(jvmti, thread, exception);
}
