;;; drive-slime.el --- Drives Debian's SLIME against a Hotline service, headless.  -*- lexical-binding: t -*-
;;
;; Run as: HOTLINE_PORT=N HOTLINE_CONTRIBS=fancy|none emacs --batch -l drive-slime.el
;; Prints "ok: STEP" for each step and exits 0 when all passed; on the first failure it prints
;; "FAIL: WHY" and exits 1.  With fancy (Debian's default) the REPL buffer is used as a user would;
;; with no contribs there is no REPL, so evaluation goes through interactive eval.

(require 'cl-lib)
(require 'slime)

(defvar hl-port (string-to-number (or (getenv "HOTLINE_PORT") "0")))
(defvar hl-http-port (string-to-number (or (getenv "HOTLINE_HTTP_PORT") "0")))
(defvar hl-fancy (equal (getenv "HOTLINE_CONTRIBS") "fancy"))
(slime-setup (if hl-fancy '(slime-fancy) '()))

(defun hl-log (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n") #'external-debugging-output))

(defun hl-fail (format-string &rest args)
  (hl-log "FAIL: %s" (apply #'format format-string args))
  (kill-emacs 1))

(defun hl-wait (what predicate &optional seconds)
  "Processes network input until PREDICATE holds, or fails after SECONDS (default 30)."
  (let ((deadline (+ (float-time) (or seconds 30))))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (hl-fail "timed out waiting for %s%s" what
                 (let ((sldb (and (fboundp 'sldb-get-default-buffer) (sldb-get-default-buffer))))
                   (if sldb (concat "; the debugger shows:\n" (with-current-buffer sldb (buffer-string))) ""))))
      (accept-process-output nil 0.05))
    (hl-log "ok: %s" what)))

(defun hl-expect (what expected actual)
  (if (equal expected actual)
      (hl-log "ok: %s" what)
    (hl-fail "%s: expected %S, got %S" what expected actual)))

(defun hl-expect-match (what regexp actual)
  (if (and (stringp actual) (string-match-p regexp actual))
      (hl-log "ok: %s" what)
    (hl-fail "%s: expected a match for %S, got %S" what regexp actual)))

(defvar hl-connected nil)
(add-hook 'slime-connected-hook (lambda () (setq hl-connected t)) t)

(defun hl-connect ()
  (setq hl-connected nil)
  (slime-connect "127.0.0.1" hl-port)
  (hl-wait "connected" (lambda () hl-connected)))

(defun hl-disconnect ()
  (slime-disconnect)
  (hl-wait "disconnected" (lambda () (null slime-net-processes))))

;;; The REPL (slime-repl, part of slime-fancy)

(defun hl-repl-text ()
  (with-current-buffer (slime-output-buffer)
    (buffer-substring-no-properties (point-min) (point-max))))

(defun hl-repl-send (input)
  (with-current-buffer (slime-output-buffer)
    (goto-char (point-max))
    (insert input)
    (slime-repl-return)))

(defun hl-repl-expect (input regexp)
  "Sends INPUT at the REPL prompt and waits until what follows it matches REGEXP."
  (let ((start (length (hl-repl-text))))
    (hl-repl-send input)
    (hl-wait (format "REPL %s shows %s" input regexp)
             (lambda () (string-match-p regexp (substring (hl-repl-text) start))))))

;;; The debugger

(defun hl-debugger-shows (regexp)
  (hl-wait (format "debugger shows %s" regexp)
           (lambda () (let ((sldb (sldb-get-default-buffer)))
                        (and sldb (string-match-p regexp (with-current-buffer sldb
                                                                           (buffer-substring-no-properties
                                                                            (point-min) (point-max)))))))))

(defun hl-interrupt-continue-then-abort (interrupt)
  "Interrupts a running loop: sldb shows its frame and two restarts; continue lets it run, abort ends it."
  (funcall interrupt)
  (hl-debugger-shows "Interrupted: the evaluation was here")
  (hl-debugger-shows "do_it\\$")
  (hl-debugger-shows "0: \\[\\*?ABORT\\] Stop the evaluation")
  (hl-debugger-shows "1: \\[CONTINUE\\] Let the evaluation run on")
  (with-current-buffer (sldb-get-default-buffer) (sldb-continue))
  (hl-wait "debugger closed on continue" (lambda () (null (sldb-get-default-buffer))))
  (accept-process-output nil 0.5)
  (funcall interrupt)
  (hl-debugger-shows "Interrupted: the evaluation was here")
  (hl-debugger-abort))

(defun hl-debugger-abort ()
  (with-current-buffer (sldb-get-default-buffer) (sldb-abort))
  (hl-wait "debugger closed" (lambda () (null (sldb-get-default-buffer)))))

;;; The trace dialog (slime-trace-dialog, part of slime-fancy)

(defun hl-http-get (path)
  (let ((buffer (url-retrieve-synchronously (format "http://127.0.0.1:%d%s" hl-http-port path) t t 10)))
    (unless buffer (hl-fail "no answer from the greeter's %s" path))
    (kill-buffer buffer)))

(defun hl-dialog-text ()
  (with-current-buffer (slime-trace-dialog--live-dialog)
    (buffer-substring-no-properties (point-min) (point-max))))

(defun hl-check-trace-dialog ()
  "Traces Greeter::greet as C-c M-t does, makes two HTTP requests and sees both calls in the dialog's tree."
  (let ((spec "dev.hotline.samples.greeter.Greeter::greet"))
    (hl-http-get "/greet?name=first") ; a class can be traced once it has loaded
    (cl-letf (((symbol-function 'slime-trace-query) (lambda (&rest _) spec)))
      (slime-trace-dialog-toggle-trace))
    (hl-expect "the dialog traces a Java method" (list spec) (slime-eval '(swank-trace-dialog:report-specs)))
    (hl-http-get "/greet?name=Ada")
    (hl-http-get "/greet?name=Bob")
    (hl-wait "both calls recorded" (lambda () (>= (slime-eval '(swank-trace-dialog:report-total)) 2)))
    (slime-trace-dialog)
    (with-current-buffer (slime-trace-dialog--live-dialog) (slime-trace-dialog-fetch-traces t))
    (hl-wait "the dialog's tree shows both calls with their values"
             (lambda () (let ((text (hl-dialog-text)))
                          (and (string-match-p "> \"Ada\"" text)
                               (string-match-p "< \"Hello, Ada! (visit #[0-9]+)\"" text)
                               (string-match-p "< \"Hello, Bob! (visit #[0-9]+)\"" text)))))
    (cl-letf (((symbol-function 'slime-trace-query) (lambda (&rest _) spec)))
      (slime-trace-dialog-toggle-trace))
    (hl-expect "toggled off" nil (slime-eval '(swank-trace-dialog:report-specs)))))

;;; The steps

(defun hl-interactive (code)
  (slime-eval `(swank:interactive-eval ,code)))

(defun hl-check-completion ()
  (let ((completions (slime-simple-completions "dev.hotline.samples.greeter.Gree")))
    (hl-expect "simple completion of an app class" t
               (and (member "dev.hotline.samples.greeter.Greeter" completions) t)))
  (when hl-fancy
    ;; A time limit no loaded machine reaches: this checks the answer, not its speed.
    (let ((rows (car (slime-eval '(swank:fuzzy-completions "dev.hotline.samples.greeter.Gree" "main"
                                                           :limit 300 :time-limit-in-msec 60000)))))
      (hl-expect "fuzzy completion (TAB in the REPL) of an app class" t
                 (and (assoc "dev.hotline.samples.greeter.Greeter" rows) t)))))

(defun hl-run-fancy ()
  (hl-connect)
  (hl-expect "implementation type" "Java" (slime-lisp-implementation-type))
  (hl-repl-expect "1+1" "^2$")
  (hl-repl-expect "System.out.println(\"hello from \" + \"java\")" "hello from java")
  (hl-repl-expect "int twice(int x) { return 2 * x; }" "created method twice(int)")
  (hl-expect "interactive eval" "=> 42" (hl-interactive "twice(21)"))
  (hl-check-completion)
  (hl-check-trace-dialog)
  (hl-repl-send "throw new IllegalStateException(\"boom\")")
  (hl-debugger-shows "IllegalStateException: boom")
  (hl-debugger-abort)
  (hl-wait "REPL says the evaluation aborted"
           (lambda () (string-match-p "aborted on java.lang.IllegalStateException: boom" (hl-repl-text))))
  (hl-repl-send "while (true) { }")
  (accept-process-output nil 1)
  (hl-interrupt-continue-then-abort (lambda () (with-current-buffer (slime-output-buffer) (slime-interrupt))))
  (hl-wait "REPL says the loop was interrupted"
           (lambda () (string-match-p "aborted on interrupted" (hl-repl-text))))
  (hl-repl-expect "twice(2) + 1" "^5$")
  (hl-disconnect)
  (hl-connect)
  (hl-repl-expect "twice(50)" "^100$"))

(defun hl-run-without-contribs ()
  (hl-connect)
  (hl-expect "implementation type" "Java" (slime-lisp-implementation-type))
  (hl-expect "interactive eval of 1+1" "=> 2" (hl-interactive "1+1"))
  (hl-expect-match "a statement that prints" "hello from java"
                   (hl-interactive "System.out.println(\"hello from \" + \"java\")"))
  (hl-check-completion)
  (slime-eval-async '(swank:interactive-eval "throw new IllegalStateException(\"boom\")"))
  (hl-debugger-shows "IllegalStateException: boom")
  (hl-debugger-abort)
  (slime-eval-async '(swank:interactive-eval "while (true) { }"))
  (accept-process-output nil 1)
  (hl-interrupt-continue-then-abort #'slime-interrupt)
  (hl-expect "eval after the interrupted loop" "=> 3" (hl-interactive "1+2"))
  (hl-disconnect)
  (hl-connect)
  (hl-expect "eval on a second connection" "=> 4" (hl-interactive "2+2")))

(condition-case err
    (progn
      (if hl-fancy (hl-run-fancy) (hl-run-without-contribs))
      (hl-log "PASSED")
      (kill-emacs 0))
  (error (hl-fail "%S" err)))
