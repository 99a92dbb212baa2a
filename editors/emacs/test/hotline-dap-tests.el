;;; hotline-dap-tests.el --- Emacs dap-mode driving `hotline dap' -*- lexical-binding: t -*-

;;; Commentary:

;; Debian's dap-mode (elpa-dap-mode), unmodified, registered as the README says, attaches to the greeter through
;; `hotline dap', evaluates in the service and sets a logpoint whose line arrives for an HTTP request.
;; DapClientsTest runs it in batch with these in the environment: HOTLINE_CLI (the command that runs
;; hotline), HOTLINE_DIR (the run directory), HOTLINE_TARGET (the service), HOTLINE_SOURCE_ROOT,
;; HOTLINE_HANDLER (GreeterService.java), HOTLINE_HANDLER_LINE and HOTLINE_HTTP (the greeter's HTTP port).

;;; Code:

(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa") ; Debian's elpa-* packages, under -Q too
(package-initialize)
(require 'ert)
(require 'url)
(require 'dap-mode)

(defun hotline-dap-test--until (what predicate)
  "Wait up to 60 s for PREDICATE to hold; fail saying WHAT otherwise."
  (let ((deadline (+ (float-time) 60)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (unless (funcall predicate)
      (ert-fail (format "timed out waiting for %s; output so far:\n%s" what (hotline-dap-test--output))))))

(defun hotline-dap-test--output ()
  "What the debug session printed so far."
  (let ((session (dap--cur-session)))
    (if (and session (get-buffer (dap--debug-session-output-buffer session)))
        (with-current-buffer (dap--debug-session-output-buffer session) (buffer-string))
      "")))

(ert-deftest hotline-dap-evaluates-and-logs ()
  (dap-register-debug-provider
   "hotline" (lambda (conf)
               (plist-put conf :dap-server-path (append (split-string (getenv "HOTLINE_CLI")) '("dap")))
               conf))
  (let ((dap-auto-show-output nil)
        (dap-output-buffer-filter nil) ; every category: the adapter says it is attached on "console"
        (dap-auto-configure-features nil)
        (handler (getenv "HOTLINE_HANDLER"))
        (result nil))
    (dap-debug (list :type "hotline" :request "attach" :name "hotline-test"
                     :target (getenv "HOTLINE_TARGET") :dir (getenv "HOTLINE_DIR")
                     :sourceRoots (list (getenv "HOTLINE_SOURCE_ROOT"))))
    (hotline-dap-test--until "the attach" (lambda () (string-match-p "Hotline: attached to"
                                                                     (hotline-dap-test--output))))
    (dap--send-message (dap--make-request "evaluate" (list :expression "6 * 7" :context "repl"))
                       (dap--resp-handler (lambda (response)
                                            (setq result (gethash "result" (gethash "body" response)))))
                       (dap--cur-session))
    (hotline-dap-test--until "the evaluation" (lambda () result))
    (should (equal result "42"))
    (with-current-buffer (find-file-noselect handler)
      (goto-char (point-min))
      (forward-line (1- (string-to-number (getenv "HOTLINE_HANDLER_LINE"))))
      (dap-breakpoint-add)
      (let ((breakpoint (dap--get-breakpoint-at-point)))
        (plist-put breakpoint :log-message "emacs saw {name}")
        (dap--breakpoints-changed (gethash buffer-file-name (dap--get-breakpoints)) buffer-file-name)))
    (accept-process-output nil 1)
    (with-current-buffer (url-retrieve-synchronously
                          (format "http://127.0.0.1:%s/greet?name=Eve" (getenv "HOTLINE_HTTP")) t t 30)
      (should (string-match-p "Hello, Eve!" (buffer-string))))
    (hotline-dap-test--until "the logpoint's line"
                             (lambda () (string-match-p "emacs saw \"Eve\"" (hotline-dap-test--output))))
    (dap-disconnect (dap--cur-session))))

(provide 'hotline-dap-tests)
;;; hotline-dap-tests.el ends here
