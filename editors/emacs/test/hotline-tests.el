;;; hotline-tests.el --- ERT tests of hotline.el against a running service  -*- lexical-binding: t; -*-

;;; Commentary:

;; Run by the end-to-end suite (EmacsTest), once per target JDK, against the greeter sample started with
;; `hotline start CONF':
;;
;;   HOTLINE_RUN_DIR=... HOTLINE_NAME=greeter HOTLINE_CONF=greeter.properties HOTLINE_CLI="java -jar ..." \
;;   HOTLINE_PROJECT=DIR-WITH-Greeter.java HOTLINE_HTTP_PORT_FILE=... \
;;   emacs --batch -L DIR-OF-hotline.elc -l hotline-tests.el -f ert-run-tests-batch-and-exit
;;
;; Each test opens its buffers fresh; the service's class is put back as it was by the tests that change it.

;;; Code:

(require 'ert)
(require 'url)
(require 'hotline)

(defvar hotline-test-project (file-name-as-directory (getenv "HOTLINE_PROJECT")))
(defvar hotline-test-source (expand-file-name "Greeter.java" hotline-test-project))
(defvar hotline-test-original (with-temp-buffer (insert-file-contents hotline-test-source) (buffer-string)))

(defvar hotline-test-messages nil "Messages shown, newest first.")

(defun hotline-test--record (format-string &rest args)
  "Keeps what `message' shows with FORMAT-STRING and ARGS."
  (when format-string
    (push (apply #'format-message format-string args) hotline-test-messages)))

(advice-add 'message :before #'hotline-test--record)

(defun hotline-test--wait (what predicate &optional seconds)
  "Processes input until PREDICATE holds; fails naming WHAT after SECONDS (default 30)."
  (let ((deadline (+ (float-time) (or seconds 30))))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (ert-fail (format "timed out waiting for %s; messages: %S" what (seq-take hotline-test-messages 5))))
      (accept-process-output nil 0.05))))

(defun hotline-test--await-message (regexp)
  "Waits for a message matching REGEXP, shown after this call, and returns it."
  (let ((before (length hotline-test-messages)))
    (hotline-test--wait (format "a message matching %S" regexp)
                        (lambda () (seq-find (lambda (m) (string-match-p regexp m))
                                             (seq-take hotline-test-messages (- (length hotline-test-messages) before)))))
    (seq-find (lambda (m) (string-match-p regexp m)) hotline-test-messages)))

(defun hotline-test--eval (code)
  "Evaluates CODE and returns the outcome plist of `hotline-eval'."
  (let (outcome)
    (hotline-eval code (lambda (o) (setq outcome o)))
    (hotline-test--wait (format "the evaluation of %s" code) (lambda () outcome))
    outcome))

(defun hotline-test--connect ()
  "Connects the test project to the service, by its run directory and name."
  (with-temp-buffer
    (setq default-directory hotline-test-project)
    (hotline-connect (getenv "HOTLINE_NAME") (getenv "HOTLINE_RUN_DIR"))))

(defmacro hotline-test--with-java (text &rest body)
  "Runs BODY in a fresh `java-mode' buffer of the test project holding TEXT, point at its end."
  (declare (indent 1))
  `(with-temp-buffer
     (setq default-directory hotline-test-project)
     (java-mode)
     (hotline-mode 1)
     (insert ,text)
     ,@body))

(defmacro hotline-test--with-greeter (&rest body)
  "Runs BODY in a buffer visiting the project's Greeter.java; puts the file and the service's class back after."
  (declare (indent 0))
  `(let ((buffer (find-file-noselect hotline-test-source)))
     (unwind-protect
         (with-current-buffer buffer
           (java-mode)
           (hotline-mode 1)
           ,@body)
       (with-current-buffer buffer
         (setq-local hotline-reload-on-save nil)
         (erase-buffer)
         (insert hotline-test-original)
         (save-buffer)
         (hotline-reload-buffer)
         (hotline-test--await-message "\\`Reload")
         (kill-buffer)))))

(defun hotline-test--greeting (name)
  "The greeter's HTTP answer for NAME."
  (let* ((port (string-trim (with-temp-buffer (insert-file-contents (getenv "HOTLINE_HTTP_PORT_FILE"))
                                              (buffer-string))))
         (url (format "http://127.0.0.1:%s/greet?name=%s" port name)))
    (with-current-buffer (url-retrieve-synchronously url t t 10)
      (goto-char (point-min))
      (re-search-forward "\r?\n\r?\n")
      (prog1 (buffer-substring (point) (point-max)) (kill-buffer)))))

(defun hotline-test--replace (from to)
  "Replaces the first FROM in the buffer with TO; fails when FROM is not there."
  (goto-char (point-min))
  (unless (search-forward from nil t) (ert-fail (format "%S is not in the buffer" from)))
  (replace-match to t t))

(hotline-test--connect)

(ert-deftest hotline-connects-by-run-directory-and-name ()
  (hotline-test--with-java "class A {}"
    (should (equal (format " Hotline[%s:main]" (getenv "HOTLINE_NAME")) (hotline--mode-line)))
    (should (equal '(("2" . "int")) (plist-get (hotline-test--eval "1 + 1") :values)))))

(ert-deftest hotline-connects-another-project-by-its-config-file ()
  (let ((other (make-temp-file "other-project" t)))
    (with-temp-buffer
      (setq default-directory (file-name-as-directory other))
      (let ((connection (hotline-connect (getenv "HOTLINE_CONF"))))
        (should-not (eq connection (gethash (expand-file-name hotline-test-project) hotline--connections)))
        (should (equal '(("3" . "int")) (plist-get (hotline-test--eval "1 + 2") :values)))
        (hotline-disconnect)))
    (hotline-test--with-java "class A {}"
      (should (equal '(("4" . "int")) (plist-get (hotline-test--eval "2 + 2") :values))))))

(ert-deftest hotline-connects-to-a-tls-port-through-the-bridge ()
  (let ((other (make-temp-file "tls-project" t))
        (hotline-program (split-string (getenv "HOTLINE_CLI"))))
    (with-temp-buffer
      (setq default-directory (file-name-as-directory other))
      (hotline-connect (getenv "HOTLINE_TLS_PORT_FILE"))
      (should (equal '(("42" . "int")) (plist-get (hotline-test--eval "6 * 7") :values)))
      (should (equal '(("true" . "boolean")) (plist-get (hotline-test--eval "\"tls\".equals(System.getProperty(\"hotline.test\"))") :values)))
      (hotline-disconnect))))

(ert-deftest hotline-eval-last-expression-evaluates-javas-expression-before-point ()
  (hotline-test--with-java "package dev.hotline.samples.greeter;\n\nclass Scratch {\n    void f() {\n        String s = Greeter.template"
    (hotline-eval-last-expression)
    (let ((shown (hotline-test--await-message "\\`=> ")))
      (should (equal "=> \"Hello, %s!\" (String)" shown)))
    (should (equal "\"Hello, %s!\"" (overlay-get hotline--result-overlay 'hotline-value)))
    (should (= (point) (overlay-start hotline--result-overlay)))))

(ert-deftest hotline-eval-last-expression-resolves-names-as-the-class-does ()
  (hotline-test--with-greeter
    (goto-char (point-min))
    (search-forward "String.format(template")
    (hotline-eval-last-expression)
    (should (equal "=> \"Hello, %s!\" (String)" (hotline-test--await-message "\\`=> ")))))

(ert-deftest hotline-eval-defun-declares-the-method-which-the-repl-then-calls ()
  (hotline-test--with-java "class Tools {\n    static String shout(String s) {\n        return s.toUpperCase() + \"!\";\n    }\n}\n"
    (goto-char (point-min))
    (search-forward "toUpperCase")
    (hotline-eval-defun)
    (should (string-match-p "created method shout(String)" (hotline-test--await-message "method shout")))
    (let ((repl (hotline-repl)))
      (with-current-buffer repl
        (goto-char (point-max))
        (insert "shout(\"hey\")")
        (comint-send-input)
        (hotline-test--wait "the REPL's answer" (lambda () (string-match-p "^\"HEY!\"$" (buffer-string))))
        (insert "int twice =")
        (comint-send-input)
        (hotline-test--wait "the continuation prompt" (lambda () (string-match-p "\\.\\.\\.> \\'" (buffer-string))))
        (insert "2 * 21;")
        (comint-send-input)
        (hotline-test--wait "the declaration" (lambda () (string-match-p "twice ==> 42\\|42" (buffer-string)))))
      (kill-buffer repl))))

(ert-deftest hotline-reload-buffer-changes-what-the-service-answers ()
  (hotline-test--with-greeter
    (hotline-test--replace "\" (visit #\"" "\" (edited in Emacs, visit #\"")
    (hotline-reload-buffer)
    (should (string-match-p "redefined dev.hotline.samples.greeter.Greeter" (hotline-test--await-message "\\`Reload")))
    (should (string-match-p "Hello, Ada! (edited in Emacs, visit #" (hotline-test--greeting "Ada")))))

(ert-deftest hotline-reload-on-save-reloads ()
  (hotline-test--with-greeter
    (setq-local hotline-reload-on-save t)
    (hotline-test--replace "\" (visit #\"" "\" (saved, visit #\"")
    (save-buffer)
    (hotline-test--await-message "\\`Reloaded")
    (should (string-match-p "(saved, visit #" (hotline-test--greeting "Bo")))))

(ert-deftest hotline-reload-buffer-reports-a-rejected-schema-change ()
  (hotline-test--with-greeter
    (hotline-test--replace "    private Greeter() {" "    public static int added = 1;\n\n    private Greeter() {")
    (hotline-reload-buffer)
    (hotline-test--await-message "\\`Reload rejected")
    (should (string-match-p "added" (with-current-buffer "*hotline-error*" (buffer-string))))
    (should (string-match-p "\\`Hello, Cy! (visit #" (hotline-test--greeting "Cy")))))

(ert-deftest hotline-compile-error-is-a-position-in-the-buffer ()
  (hotline-test--with-greeter
    (hotline-test--replace "HITS.incrementAndGet();" "HITS.incrementAndGet() + nosuch;")
    (let ((line (line-number-at-pos))
          (column (save-excursion (search-backward "nosuch") (current-column))))
      (hotline-reload-buffer)
      (hotline-test--await-message "\\`Reload: compile error")
      (with-current-buffer "*hotline-error*" (goto-char (point-min)))
      (first-error)
      (should (equal hotline-test-source (buffer-file-name)))
      (should (= line (line-number-at-pos)))
      (should (= column (current-column))))))

(ert-deftest hotline-compile-error-of-an-evaluation-is-a-position-too ()
  (hotline-test--with-java "class B {\n    static int f() {\n        int x = \"text\";\n        return x;\n    }\n}\n"
    (set-visited-file-name (expand-file-name "B.java" hotline-test-project) t)
    (save-buffer)
    (goto-char (point-min))
    (search-forward "return")
    (hotline-eval-defun)
    (hotline-test--await-message "\\`Compile error")
    (with-current-buffer "*hotline-error*" (goto-char (point-min)))
    (first-error)
    (should (= 3 (line-number-at-pos)))
    (should (= (length "        int x = ") (current-column)))
    (set-buffer-modified-p nil)))

(ert-deftest hotline-completion-at-point-offers-application-classes ()
  (hotline-test--with-java "package dev.hotline.samples.greeter;\n\nclass C {\n    void f() {\n        Greeter.tem"
    (let ((completion (hotline-completion-at-point)))
      (should completion)
      (should (member "template" (nth 2 completion)))
      (should (equal "tem" (buffer-substring (nth 0 completion) (nth 1 completion)))))
    (insert ";\n        Gree")
    (should (member "Greeter" (nth 2 (hotline-completion-at-point))))))

(ert-deftest hotline-eldoc-shows-a-jdk-methods-signature ()
  (hotline-test--with-java "class D {\n    void f() {\n        Math.max("
    (let (text)
      (should (hotline-eldoc (lambda (doc &rest _) (setq text (or doc 'none)))))
      (hotline-test--wait "eldoc's text" (lambda () text))
      (should (stringp text))
      (should (string-match-p "max(int" text)))))

(ert-deftest hotline-interrupt-stops-a-loop ()
  (hotline-test--with-java "class E {}"
    (let (outcome)
      (hotline-eval "while (true) { }" (lambda (o) (setq outcome o)))
      (sleep-for 1)
      (should-not outcome)
      (hotline-interrupt)
      (hotline-test--wait "the interrupted evaluation" (lambda () outcome))
      (should (eq :interrupted (plist-get outcome :error))))))

(ert-deftest hotline-output-streams-while-the-evaluation-runs ()
  (hotline-test--with-java "class F {}"
    (let (outcome)
      ;; a second between lines, so that the check below runs long before the loop ends, even on a busy machine
      (hotline-eval "for (int i = 0; i < 3; i++) { System.out.println(\"tick \" + i); Thread.sleep(1000); }"
                    (lambda (o) (setq outcome o)))
      (hotline-test--wait "the first line of output"
                          (lambda () (and (get-buffer "*hotline-output*")
                                          (with-current-buffer "*hotline-output*"
                                            (string-match-p "tick 0" (buffer-string))))))
      (should-not outcome)
      (hotline-test--wait "the end of the evaluation" (lambda () outcome))
      (should (string-match-p "tick 2" (with-current-buffer "*hotline-output*" (buffer-string)))))))

(ert-deftest hotline-requests-never-block-emacs ()
  (hotline-test--with-java "class G {\n    void f() {\n        Math.ma"
    (let (outcome timer-ran-at done-at)
      (run-at-time 0.5 nil (lambda () (setq timer-ran-at (float-time))))
      (hotline-eval "Thread.sleep(3000)" (lambda (o) (setq outcome o done-at (float-time))))
      ;; the session answers completion only after the sleep: it is not asked meanwhile
      (should-not (hotline-completion-at-point))
      (should-not outcome)
      (hotline-test--wait "the sleep" (lambda () outcome) 20)
      (should timer-ran-at)
      (should (< timer-ran-at (- done-at 1)))
      (should (member "max(" (nth 2 (hotline-completion-at-point)))))))

(ert-deftest hotline-trace-method-shows-calls ()
  (hotline-test--with-greeter
    (goto-char (point-min))
    (search-forward "HITS.incrementAndGet")
    (hotline-trace-method)
    (hotline-test--await-message "\\`Tracing dev.hotline.samples.greeter.Greeter::greet")
    (hotline-test--greeting "Traced")
    (hotline-test--wait "the traced call"
                        (lambda () (with-current-buffer "*hotline-trace*"
                                     (string-match-p "Greeter.greet(\"Traced\") returned" (buffer-string)))))
    (hotline-trace-method)
    (hotline-test--await-message "\\`Trace of .* ended")))

(ert-deftest hotline-log-at-line-prints-a-local-and-counts-its-hits ()
  (hotline-test--with-greeter
    (goto-char (point-min))
    (search-forward "return String.format")
    (hotline-test--greeting "warm") ; the class is loaded, so its lines can be probed
    (hotline-log-at-line "greeting {name}")
    (hotline-test--await-message "\\`logpoint at dev.hotline.samples.greeter.Greeter:25 (in greet)")
    (hotline-test--greeting "Logged")
    (hotline-test--wait "the logged line"
                        (lambda () (and (get-buffer "*hotline-probes*")
                                        (with-current-buffer "*hotline-probes*"
                                          (string-match-p "Greeter:25 greeting \"Logged\"" (buffer-string))))))
    (let ((probe (hotline--probe-at-line)))
      (should (equal "  [1 hit]" (substring-no-properties (overlay-get probe 'after-string))))
      (should (equal '(left-fringe right-triangle)
                     (get-text-property 0 'display (overlay-get probe 'before-string)))))
    (hotline-log-at-line nil)
    (hotline-test--await-message "\\`Probe at Greeter.java:25 ended: removed")
    (should-not (hotline--probe-at-line))))

;; Last by name: ERT runs tests sorted by name, and this one restarts the service.
(ert-deftest hotline-zz-reconnects-after-the-service-restarts ()
  (hotline-test--with-java "class H {}"
    (should (equal '(("2" . "int")) (plist-get (hotline-test--eval "1 + 1") :values)))
    (let* ((cli (split-string (getenv "HOTLINE_CLI")))
           (status (apply #'call-process (car cli) nil "*restart*" nil
                          (append (cdr cli) (list "restart" (getenv "HOTLINE_CONF"))))))
      (should (equal 0 status)))
    (hotline-test--wait "the old connection to close"
                        (lambda () (string-match-p ":closed\\]" (hotline--mode-line))) 10)
    (should (equal '(("6" . "int")) (plist-get (hotline-test--eval "2 * 3") :values)))
    (should (equal (format " Hotline[%s:main]" (getenv "HOTLINE_NAME")) (hotline--mode-line)))))

;;; hotline-tests.el ends here
