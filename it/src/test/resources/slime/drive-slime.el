;;; drive-slime.el --- Drives Debian's SLIME against a Hotline service, headless.  -*- lexical-binding: t -*-
;;
;; Run as: HOTLINE_PORT=N HOTLINE_CONTRIBS=fancy|none emacs --batch -l drive-slime.el
;; Prints "ok: STEP" for each step and exits 0 when all passed; on the first failure it prints
;; "FAIL: WHY" and exits 1.  With fancy (Debian's default) the REPL buffer is used as a user would;
;; with no contribs there is no REPL, so evaluation goes through interactive eval.

(require 'cl-lib)
(require 'slime)

(defvar hl-port (string-to-number (or (getenv "HOTLINE_PORT") "0")))
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
        (hl-fail "timed out waiting for %s" what))
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

(defun hl-debugger-abort ()
  (with-current-buffer (sldb-get-default-buffer) (sldb-abort))
  (hl-wait "debugger closed" (lambda () (null (sldb-get-default-buffer)))))

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
  (hl-repl-send "throw new IllegalStateException(\"boom\")")
  (hl-debugger-shows "IllegalStateException: boom")
  (hl-debugger-abort)
  (hl-wait "REPL says the evaluation aborted"
           (lambda () (string-match-p "aborted on java.lang.IllegalStateException: boom" (hl-repl-text))))
  (hl-repl-send "while (true) { }")
  (accept-process-output nil 1)
  (with-current-buffer (slime-output-buffer) (slime-interrupt))
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
  (slime-interrupt)
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
