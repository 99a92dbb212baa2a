;;; hotline.el --- Evaluate and reload Java in a running JVM  -*- lexical-binding: t; -*-

;; Copyright (C) 2026 The Hotline authors

;; Author: The Hotline authors
;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1"))
;; Keywords: languages, java, tools, processes
;; URL: https://github.com/hotline-dev/hotline
;; SPDX-License-Identifier: Apache-2.0

;;; Commentary:

;; Hotline opens a port inside a running Java service (a Java agent) and
;; evaluates Java there with JShell.  This package is its editor client for
;; Java source buffers, as CIDER is for Clojure: `hotline-mode', a minor mode
;; for `java-mode' (and `java-ts-mode'), talks to the service over Hotline's
;; native protocol (framed s-expressions, read with `read'), asynchronously:
;; a request never blocks Emacs.
;;
;;   C-x C-e  evaluate the Java expression before point (after ; or }, the
;;            statement), as Java's grammar says: the service finds where it
;;            starts.  The value shows after it and in the echo area.
;;   C-c C-c  evaluate the method, field or class declaration at point
;;   C-c C-r  evaluate the region
;;   C-c C-k  reload the buffer's class from its source (redefineClasses)
;;   C-c C-b  interrupt the evaluation running in the session
;;   C-c C-z  a REPL buffer on the same connection
;;   C-c C-t  trace the method at point (again: stop tracing it)
;;   C-c C-l  set a logpoint on point's line, its message read in the
;;            minibuffer (again: remove it); the fringe marks the line and
;;            its end counts the hits, which go to *hotline-probes*
;;   C-c C-s  capture the locals at point's line, into *hotline-capture*
;;
;; Completion at point and eldoc come from the service.  Output goes to
;; *hotline-output*, exceptions to *hotline-error*; compile errors are
;; positions in the source buffer, for `next-error'.
;;
;; Setup:
;;
;;   (add-to-list 'load-path "/opt/hotline/share/emacs/site-lisp")
;;   (require 'hotline)
;;   (add-hook 'java-mode-hook #'hotline-mode)
;;
;; then M-x hotline-connect, or set `hotline-service' for a project in
;; .dir-locals.el.

;;; Code:

(require 'cl-lib)
(require 'comint)
(require 'compile)
(require 'eldoc)
(require 'project)
(require 'subr-x)

;;; Options

(defgroup hotline nil
  "Evaluate and reload Java in a running service through Hotline."
  :group 'languages
  :prefix "hotline-")

(defcustom hotline-run-directory (expand-file-name "~/.hotline/run")
  "The run directory where services started by Hotline keep their files.
It is the directory that `hotline --dir' names."
  :type 'directory)

(defcustom hotline-service nil
  "The service of this project, for commands that find no connection.
It is what `hotline-connect' reads: a config file (FILE.properties), a port
file (NAME.port) or a service name in `hotline-run-directory'.  Set it in
.dir-locals.el to reach a project's service without being asked."
  :type '(choice (const :tag "Ask" nil) string)
  :safe #'stringp)

(defcustom hotline-program '("hotline")
  "The command that runs Hotline's CLI, as a list of program and arguments.
Emacs runs it as `hotline bridge' to reach a service whose port speaks TLS,
since the bridge pins the certificate that the port file names."
  :type '(repeat string))

(defcustom hotline-session "main"
  "The session that source buffers evaluate in."
  :type 'string
  :safe #'stringp)

(defcustom hotline-reload-on-save nil
  "Non-nil means saving a Java buffer reloads its class into the service.
This applies to buffers in `hotline-mode'."
  :type 'boolean
  :safe #'booleanp)

(defcustom hotline-sync-timeout 2
  "Seconds that completion waits for the service.
Past that it offers nothing rather than hold Emacs up."
  :type 'number)

(defcustom hotline-show-output t
  "Non-nil means output of evaluations shows *hotline-output* as it arrives."
  :type 'boolean)

(defface hotline-result-overlay-face
  '((t :inherit font-lock-comment-face))
  "Face of the value shown after an evaluated expression.")

;;; Frames and connections

(cl-defstruct (hotline--connection (:constructor hotline--connection-create))
  "A connection to a service.
DESIGNATION is how it was named, kept to connect again when the service
restarts; EVALUATING counts its evaluations in flight."
  process designation name (pending "") (next-id 1) (callbacks (make-hash-table :test #'eql))
  imports-sent (evaluating 0))

(defvar hotline--connections (make-hash-table :test #'equal)
  "Connections by project root (or directory, outside of projects).")

(defvar-local hotline--project nil
  "The key of this buffer's connection, once known.
A REPL buffer is given the key of the buffer it was opened from.")

(defun hotline--project-key ()
  "Return the key of this buffer's connection.
That is its project's root, else its directory.  It is looked up once per
buffer: the mode line asks on every redisplay."
  (or hotline--project
      (setq hotline--project
            (let ((project (project-current)))
              (expand-file-name (if project (project-root project) default-directory))))))

(defun hotline--frame (payload)
  "Return PAYLOAD as a frame.
A frame is six hex digits of the payload's length in bytes, then its UTF-8
bytes."
  (let ((bytes (encode-coding-string payload 'utf-8 t)))
    (concat (format "%06x" (length bytes)) bytes)))

(defun hotline--plain (value)
  "Return VALUE with the text properties of its strings removed.
`prin1' would print them as #(...), a syntax the protocol refuses."
  (cond ((stringp value) (substring-no-properties value))
        ((consp value) (mapcar #'hotline--plain value))
        (t value)))

(defun hotline--print (plist)
  "Return PLIST printed as an s-expression of the protocol."
  (let ((print-length nil) (print-level nil) (print-escape-newlines nil)
        (print-escape-nonascii nil) (print-escape-multibyte nil))
    (prin1-to-string (hotline--plain plist))))

(defun hotline--read-file (file)
  "Return FILE's text without surrounding white space, or nil if unreadable."
  (when (file-readable-p file)
    (with-temp-buffer
      (insert-file-contents file)
      (string-trim (buffer-string)))))

(defun hotline--properties (file)
  "Return the keys and values of the Java properties FILE, as an alist.
Only simple lines are read: KEY=VALUE or KEY: VALUE."
  (with-temp-buffer
    (insert-file-contents file)
    (let (pairs)
      (goto-char (point-min))
      (while (re-search-forward "^[ \t]*\\([^#! \t\n=:][^ \t\n=:]*\\)[ \t]*[=:][ \t]*\\(.*\\)$" nil t)
        (push (cons (match-string 1) (string-trim-right (match-string 2))) pairs))
      (nreverse pairs))))

(defun hotline--designation (service run-directory)
  "Return what SERVICE names, as the CLI would take it.
The value is (name DIR . NAME) or (port-file . FILE).  A config file names its
service by its name= and run-dir= keys; a plain name is a service of
RUN-DIRECTORY."
  (cond ((and (string-suffix-p ".properties" service) (file-exists-p service))
         (let* ((file (expand-file-name service))
                (keys (hotline--properties file))
                (name (or (cdr (assoc "name" keys))
                          (user-error "Hotline: %s has no name= key" file)))
                (dir (cdr (assoc "run-dir" keys))))
           (cons 'name (cons (if dir (expand-file-name dir (file-name-directory file)) run-directory)
                             name))))
        ((string-suffix-p ".port" service)
         (cons 'port-file (expand-file-name service)))
        ((string-match-p "\\`[A-Za-z0-9._-]+\\'" service)
         (cons 'name (cons run-directory service)))
        (t (user-error "Hotline: %s is not a config file, a port file or a service name" service))))

(defun hotline--describe (designation)
  "Return how messages name the service of DESIGNATION."
  (pcase designation
    (`(name ,_ . ,name) name)
    (`(port-file . ,file) (file-name-base file))))

(defun hotline--endpoint (designation)
  "Return where DESIGNATION's service listens now.
The value is (socket PATH), (tcp PORT TOKEN), or (bridge PORT-FILE) when the
port speaks TLS.  The files are read each time, so a restarted service (a new
port) is found again."
  (pcase-let* ((`(,dir . ,name) (pcase designation
                                  (`(name ,dir . ,name) (cons dir name))
                                  (`(port-file . ,file)
                                   (cons (file-name-directory file) (file-name-base file)))))
               (socket (expand-file-name (concat name ".sock") dir))
               (port-file (if (eq (car designation) 'port-file) (cdr designation)
                            (expand-file-name (concat name ".port") dir))))
    (cond ((and (eq (car designation) 'name) (file-exists-p socket)) (list 'socket socket))
          ((and (file-exists-p port-file)
                (string-match-p "^tls " (or (hotline--read-file port-file) "")))
           (list 'bridge port-file))
          ((file-exists-p port-file)
           (list 'tcp (string-to-number (hotline--read-file port-file))
                 (hotline--read-file (expand-file-name (concat name ".token") (file-name-directory port-file)))))
          (t (user-error "Hotline: %s is not running: no %s in %s (hotline status %s says more)"
                         name (file-name-nondirectory port-file) (file-name-directory port-file) name)))))

(defun hotline--open (connection)
  "Open CONNECTION's process to its service, authenticating on TCP."
  (let* ((endpoint (hotline--endpoint (hotline--connection-designation connection)))
         (name (hotline--connection-name connection))
         (process
          (condition-case err
              (pcase endpoint
                (`(socket ,path)
                 (make-network-process :name (concat "hotline " name) :family 'local :service path
                                       :coding 'binary :noquery t))
                (`(tcp ,port ,_)
                 (make-network-process :name (concat "hotline " name) :host "127.0.0.1" :service port
                                       :coding 'binary :noquery t))
                (`(bridge ,port-file)
                 (make-process :name (concat "hotline " name)
                               :command (append hotline-program (list "bridge" "--port-file" port-file))
                               :coding 'binary :connection-type 'pipe :noquery t
                               :stderr (get-buffer-create " *hotline bridge*"))))
            (file-error (user-error "Hotline: cannot connect to %s: %s" name (error-message-string err))))))
    (set-process-query-on-exit-flag process nil)
    (process-put process 'hotline-connection connection)
    (set-process-filter process #'hotline--filter)
    (set-process-sentinel process #'hotline--sentinel)
    (setf (hotline--connection-process connection) process
          (hotline--connection-pending connection) ""
          (hotline--connection-imports-sent connection) nil)
    (pcase endpoint
      (`(tcp ,_ ,token) (process-send-string process (hotline--frame (or token "")))))
    connection))

(defun hotline--filter (process bytes)
  "Read the frames in BYTES from PROCESS and dispatch each reply."
  (let ((connection (process-get process 'hotline-connection)))
    (setf (hotline--connection-pending connection) (concat (hotline--connection-pending connection) bytes))
    (let ((pending (hotline--connection-pending connection)))
      (while (and (>= (length pending) 6)
                  (>= (length pending) (+ 6 (string-to-number (substring pending 0 6) 16))))
        (let* ((length (string-to-number (substring pending 0 6) 16))
               (payload (decode-coding-string (substring pending 6 (+ 6 length)) 'utf-8 t)))
          (setq pending (substring pending (+ 6 length)))
          (setf (hotline--connection-pending connection) pending)
          (hotline--dispatch connection (car (read-from-string payload))))))))

(defun hotline--dispatch (connection reply)
  "Call the callback of REPLY's request on CONNECTION.
The request is forgotten once REPLY ends it."
  (let* ((id (plist-get reply :id))
         (callback (and id (gethash id (hotline--connection-callbacks connection)))))
    (when (hotline--done-p reply)
      (remhash id (hotline--connection-callbacks connection)))
    (cond (callback
           (condition-case err
               (funcall callback reply)
             (error (message "Hotline: %s" (error-message-string err)))))
          ((memq :auth-failed (plist-get reply :status))
           (message "Hotline: %s refused the token: %s" (hotline--connection-name connection)
                    (plist-get reply :message)))
          ((plist-get reply :message)
           (message "Hotline: %s" (plist-get reply :message))))))

(defun hotline--sentinel (process _event)
  "End the requests of PROCESS's connection once it has closed.
Each callback gets a final error reply, so that no caller waits forever."
  (unless (process-live-p process)
    (let* ((connection (process-get process 'hotline-connection))
           (callbacks (hotline--connection-callbacks connection))
           (ended (list :status '(:error :disconnected :done)
                        :message (format "the connection to %s closed" (hotline--connection-name connection)))))
      (maphash (lambda (id callback)
                 (ignore-errors (funcall callback (plist-put (copy-sequence ended) :id id))))
               callbacks)
      (clrhash callbacks)
      (force-mode-line-update t))))

(defun hotline--done-p (reply)
  "Return non-nil if REPLY is the last one of its request."
  (memq :done (plist-get reply :status)))

(defun hotline--connection ()
  "Return this buffer's connection, open.
It is opened again when its service restarted, and asked for (see
`hotline-connect') when there is none."
  (let ((connection (gethash (hotline--project-key) hotline--connections)))
    (cond ((null connection)
           (hotline-connect (or hotline-service (hotline--read-service hotline-run-directory))))
          ((not (process-live-p (hotline--connection-process connection)))
           (hotline--open connection))
          (t connection))))

(defun hotline--read-service (run-directory)
  "Ask which service to connect to.
The answer is a name in RUN-DIRECTORY, or a config or port file."
  (let* ((names (and (file-directory-p run-directory)
                     (delete-dups (mapcar #'file-name-base
                                          (directory-files run-directory nil "\\.\\(port\\|sock\\)\\'"))))))
    (completing-read (format "Hotline service (a name in %s, or a .properties or .port file): "
                             (abbreviate-file-name run-directory))
                     (completion-table-in-turn names #'completion-file-name-table) nil nil)))

;;;###autoload
(defun hotline-connect (service &optional run-directory)
  "Connect this buffer's project to SERVICE and return the connection.
SERVICE is a config file, a port file, or a name in RUN-DIRECTORY (default
`hotline-run-directory'; with a prefix argument, asked first).  The token is
found beside the port file; the service's Unix-domain socket, where there is
one, needs none."
  (interactive
   (let ((dir (if current-prefix-arg (read-directory-name "Run directory: " hotline-run-directory)
                hotline-run-directory)))
     (list (hotline--read-service dir) dir)))
  (let* ((key (hotline--project-key))
         (old (gethash key hotline--connections))
         (designation (hotline--designation service (expand-file-name (or run-directory hotline-run-directory))))
         (connection (hotline--connection-create :designation designation
                                                 :name (hotline--describe designation))))
    (when (and old (process-live-p (hotline--connection-process old)))
      (delete-process (hotline--connection-process old)))
    (hotline--open connection)
    (puthash key connection hotline--connections)
    (force-mode-line-update t)
    (when (called-interactively-p 'interactive)
      (message "Hotline: connected to %s" (hotline--connection-name connection)))
    connection))

(defun hotline-disconnect ()
  "Close this project's connection."
  (interactive)
  (let ((connection (gethash (hotline--project-key) hotline--connections)))
    (when connection
      (delete-process (hotline--connection-process connection))
      (remhash (hotline--project-key) hotline--connections)
      (force-mode-line-update t))))

(defun hotline-request (op arguments callback)
  "Send OP with ARGUMENTS (a plist) on this buffer's connection.
CALLBACK gets each reply, in order; the last reply's :status holds :done.
Return the request's id."
  (let* ((connection (hotline--connection))
         (id (hotline--connection-next-id connection)))
    (setf (hotline--connection-next-id connection) (1+ id))
    (when (equal op "eval")
      ;; counted, so that completion and eldoc do not queue up behind an evaluation
      (cl-incf (hotline--connection-evaluating connection))
      (let ((inner callback))
        (setq callback (lambda (reply)
                         (when (hotline--done-p reply)
                           (cl-decf (hotline--connection-evaluating connection)))
                         (funcall inner reply)))))
    (puthash id callback (hotline--connection-callbacks connection))
    (process-send-string (hotline--connection-process connection)
                         (hotline--frame (hotline--print (append (list :op op :id id) arguments))))
    id))

(defun hotline--idle-connection ()
  "Return this buffer's connection if it is open and not evaluating.
Completion and eldoc ask only then: the session answers them after its
evaluation, and a completion waiting for that would hold Emacs up."
  (let ((connection (gethash (hotline--project-key) hotline--connections)))
    (and connection
         (process-live-p (hotline--connection-process connection))
         (zerop (hotline--connection-evaluating connection))
         connection)))

(defun hotline--request-sync (op arguments)
  "Send OP with ARGUMENTS and return its last reply, or nil after a while.
Wait at most `hotline-sync-timeout' seconds; other input is processed
meanwhile."
  (let* ((last nil)
         (process (hotline--connection-process (hotline--connection)))
         (deadline (+ (float-time) hotline-sync-timeout)))
    (hotline-request op arguments (lambda (reply) (when (hotline--done-p reply) (setq last reply))))
    (while (and (null last) (< (float-time) deadline) (process-live-p process))
      (accept-process-output process 0.05))
    last))

;;; Mode line

(defun hotline--mode-line ()
  "Return the mode line's word: the service and session, if connected."
  (let ((connection (gethash (hotline--project-key) hotline--connections)))
    (cond ((null connection) " Hotline")
          ((process-live-p (hotline--connection-process connection))
           (format " Hotline[%s:%s]" (hotline--connection-name connection) hotline-session))
          (t (format " Hotline[%s:closed]" (hotline--connection-name connection))))))

;;; Output and errors

(defun hotline--output (text)
  "Append TEXT, printed by code in the service, to *hotline-output*."
  (let ((buffer (get-buffer-create "*hotline-output*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t)
            (follow (= (point) (point-max))))
        (save-excursion
          (goto-char (point-max))
          (insert text))
        (when follow (goto-char (point-max)))
        (unless (derived-mode-p 'special-mode) (special-mode))))
    (when (and hotline-show-output (not (get-buffer-window buffer)) (not noninteractive))
      (display-buffer buffer '(nil (inhibit-same-window . t))))))

(defun hotline--error-buffer (text &optional compilation)
  "Show TEXT in *hotline-error* and return that buffer.
With COMPILATION, the buffer is in `compilation-mode', so that `next-error'
visits the positions in TEXT."
  (let ((buffer (get-buffer-create "*hotline-error*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert text)
        (goto-char (point-min))
        (if compilation
            (progn (compilation-mode)
                   (setq-local compilation-first-column 1)
                   (setq next-error-last-buffer buffer))
          (special-mode))))
    (unless noninteractive
      (display-buffer buffer '(nil (inhibit-same-window . t))))
    buffer))

(defun hotline--compile-errors (errors)
  "Show ERRORS for `next-error' and move to the first.
ERRORS are lines FILE:LINE:COLUMN: MESSAGE."
  ;; a first line that is no error: `next-error' starts after the line it is on
  (hotline--error-buffer (concat "Java compile errors (M-g n visits the next one):\n"
                                 (mapconcat #'identity errors "\n") "\n")
                         t)
  (let ((next-error-last-buffer (get-buffer "*hotline-error*")))
    (ignore-errors (next-error 1 t))))

(defun hotline--snippet-errors (reply file start)
  "Return the :diagnostics of REPLY as FILE:LINE:COLUMN lines.
Their positions are in the code sent, which began at START in this buffer."
  (let ((line0 (line-number-at-pos start t))
        (column0 (save-excursion (goto-char start) (current-column))))
    (mapcar (lambda (d)
              (let ((line (plist-get d :line)) (column (plist-get d :column)))
                (format "%s:%d:%d: %s" file (+ line0 line -1) (if (= line 1) (+ column0 column) column)
                        (plist-get d :message))))
            (plist-get reply :diagnostics))))

;;; Evaluation

(defvar-local hotline--result-overlay nil
  "The overlay showing the last value after its expression.")

(defun hotline--clear-overlay ()
  "Remove the value overlay, on the command after the one that showed it."
  (when (overlayp hotline--result-overlay)
    (delete-overlay hotline--result-overlay))
  (setq hotline--result-overlay nil)
  (remove-hook 'pre-command-hook #'hotline--clear-overlay t))

(defun hotline--show-value (text position)
  "Show TEXT after POSITION until the next command, as CIDER does."
  (hotline--clear-overlay)
  (let ((overlay (make-overlay position position nil t)))
    (overlay-put overlay 'after-string (propertize (concat " => " text) 'face 'hotline-result-overlay-face))
    (overlay-put overlay 'hotline-value text)
    (setq hotline--result-overlay overlay)
    (add-hook 'pre-command-hook #'hotline--clear-overlay nil t)))

(defun hotline-eval (code callback &optional session)
  "Evaluate CODE in SESSION (default `hotline-session').
Output streams to *hotline-output*.  CALLBACK gets a plist once it ended:
:values ((VALUE . TYPE)...), :declared (TEXT...), and on failure :error (its
kind, a keyword) and :reply (the final reply: :message, :exception, :trace,
:diagnostics)."
  (let (values declared)
    (hotline-request "eval" (list :code code :session (or session hotline-session))
                     (lambda (reply)
                       (when (plist-get reply :out) (hotline--output (plist-get reply :out)))
                       (when (plist-get reply :err) (hotline--output (plist-get reply :err)))
                       (when (plist-get reply :value)
                         (push (cons (plist-get reply :value) (plist-get reply :type)) values))
                       (when (plist-get reply :declared) (push (plist-get reply :declared) declared))
                       (when (hotline--done-p reply)
                         (let ((status (plist-get reply :status)))
                           (funcall callback
                                    (append (list :values (nreverse values) :declared (nreverse declared))
                                            (when (memq :error status)
                                              (list :error (cadr (memq :error status)) :reply reply))))))))))

(defun hotline--report (outcome buffer start &optional value-position)
  "Say how an evaluation sent from BUFFER ended, its code starting at START.
OUTCOME is what `hotline-eval' gave.  With VALUE-POSITION, the value also
shows there."
  (let ((reply (plist-get outcome :reply))
        (value (car (last (plist-get outcome :values)))))
    (pcase (plist-get outcome :error)
      ('nil
       (cond (value
              (message "=> %s (%s)" (car value) (cdr value))
              (when (and value-position (buffer-live-p buffer))
                (with-current-buffer buffer (hotline--show-value (car value) value-position))))
             ((plist-get outcome :declared) (message "%s" (string-join (plist-get outcome :declared) "; ")))
             (t (message "Done (no value)"))))
      (:compile-error
       (with-current-buffer buffer
         (hotline--compile-errors (hotline--snippet-errors reply (or buffer-file-name (buffer-name)) start)))
       (message "Compile error: %s" (plist-get reply :message)))
      (:eval-error
       (hotline--error-buffer (concat (plist-get reply :message) "\n\n"
                                      (or (plist-get reply :trace) "") "\n"))
       (message "%s (the stack is in *hotline-error*)" (plist-get reply :message)))
      (:interrupted (message "Interrupted"))
      (:incomplete (message "Incomplete Java: the code ends inside a snippet"))
      (_ (message "Hotline: %s" (plist-get reply :message))))))

(defun hotline--imports ()
  "Return the buffer's package and imports as snippets for the session.
The package is imported whole, and the static members of the buffer's
top-level classes too, last: in the class's own source, `template' means
`Greeter.template'."
  (save-excursion
    (save-restriction
      (widen)
      (let ((code-at (lambda (position) (not (save-excursion (nth 8 (syntax-ppss position))))))
            package lines)
        (goto-char (point-min))
        (while (re-search-forward "^[ \t]*\\(package\\|import\\)[ \t]+\\(static[ \t]+\\)?\\([A-Za-z0-9_.*]+\\)[ \t]*;" nil t)
          (when (funcall code-at (match-beginning 0))
            (if (equal (match-string-no-properties 1) "package")
                (progn (setq package (match-string-no-properties 3))
                       (push (format "import %s.*;" package) lines))
              (push (format "import %s%s;" (or (match-string-no-properties 2) "") (match-string-no-properties 3))
                    lines))))
        (goto-char (point-min))
        (while (re-search-forward (concat "^\\(?:public[ \t]+\\)?\\(?:\\(?:final\\|abstract\\|sealed\\|non-sealed\\)[ \t]+\\)*"
                                          "\\(?:class\\|interface\\|enum\\|record\\)[ \t]+\\([A-Za-z0-9_$]+\\)")
                                  nil t)
          ;; the unnamed package's classes cannot be imported
          (when (and package (funcall code-at (match-beginning 0)))
            (push (format "import static %s.%s.*;" package (match-string-no-properties 1)) lines)))
        (string-join (nreverse lines) "\n")))))

(defun hotline--send-imports ()
  "Send the buffer's package and imports to the session if they changed.
Names then resolve there as they do in the buffer, for evaluation, completion
and documentation alike."
  (let ((connection (hotline--connection))
        (imports (hotline--imports)))
    (unless (or (string-empty-p imports) (equal imports (hotline--connection-imports-sent connection)))
      (setf (hotline--connection-imports-sent connection) imports)
      (hotline-eval imports (lambda (outcome)
                              (when (plist-get outcome :error)
                                (message "Hotline: the session cannot import what the buffer does: %s"
                                         (plist-get (plist-get outcome :reply) :message))))))))

(defun hotline--eval-from-buffer (code start &optional value-position)
  "Evaluate CODE (at START in this buffer) after the buffer's imports.
With VALUE-POSITION, the value shows there too."
  (let ((buffer (current-buffer)))
    (hotline--send-imports)
    (hotline-eval code (lambda (outcome) (hotline--report outcome buffer start value-position)))))

(defun hotline--context-start (position)
  "Return a place before POSITION to send code from.
It is at most 20000 characters back, outside of strings and comments."
  (let ((start (max (point-min) (- position 20000))))
    (or (save-excursion (nth 8 (syntax-ppss start))) start)))

(defun hotline-eval-last-expression ()
  "Evaluate the Java expression before point.
After ; or } it is the statement or declaration that ends there.  The service
finds where it starts, by Java's grammar (JShell's analysis and javac's
parser)."
  (interactive)
  (let* ((end (point))
         (start (hotline--context-start end))
         (code (buffer-substring-no-properties start end))
         (buffer (current-buffer)))
    (hotline-request "preceding-snippet" (list :code code :session hotline-session)
                     (lambda (reply)
                       (let ((offset (plist-get reply :start)))
                         (cond ((plist-get reply :message) (message "Hotline: %s" (plist-get reply :message)))
                               ((null offset) (message "No complete Java expression or statement ends before point"))
                               ((buffer-live-p buffer)
                                (with-current-buffer buffer
                                  (let ((beg (+ start offset)))
                                    (hotline--eval-from-buffer (buffer-substring-no-properties beg end) beg end))))))))))

(defun hotline-eval-region (start end)
  "Evaluate the Java between START and END."
  (interactive "r")
  (hotline--eval-from-buffer (buffer-substring-no-properties start end) start))

(defun hotline--declaration-at-point (callback)
  "Call CALLBACK with the service's answer on the declaration at point.
The answer holds :kind, :start, :end, :name and :trace-spec."
  (let ((buffer (current-buffer)))
    (save-restriction
      (widen)
      (hotline-request "declaration-at" (list :code (buffer-substring-no-properties (point-min) (point-max))
                                              :cursor (- (point) (point-min)))
                       (lambda (reply)
                         (cond ((plist-get reply :message) (message "Hotline: %s" (plist-get reply :message)))
                               ((null (plist-get reply :kind)) (message "Point is in no class declaration"))
                               ((buffer-live-p buffer) (with-current-buffer buffer (funcall callback reply)))))))))

(defun hotline-eval-defun ()
  "Evaluate the method, field or class declaration at point.
It goes into the session as JShell declares it there."
  (interactive)
  (hotline--declaration-at-point
   (lambda (declaration)
     (let ((beg (+ (point-min) (plist-get declaration :start)))
           (end (+ (point-min) (plist-get declaration :end))))
       (pulse-momentary-highlight-region beg end)
       (hotline--eval-from-buffer (buffer-substring-no-properties beg end) beg)))))

(defun hotline-interrupt ()
  "Interrupt the evaluation running in the session."
  (interactive)
  (hotline-request "interrupt" (list :session hotline-session)
                   (lambda (reply)
                     (when (hotline--done-p reply)
                       (message (if (plist-get reply :interrupted) "Interrupting..." "Nothing was running"))))))

;;; Reloading

(defun hotline-reload-buffer ()
  "Reload the buffer's class into the service from its source.
The source is sent as it is in the buffer, saved or not.  The service compiles
it against the application's classes and redefines what changed; a change the
JVM cannot apply (a new field, a method added) is rejected, and the service
keeps the old code."
  (interactive)
  (let* ((buffer (current-buffer))
         (file (or buffer-file-name (user-error "Hotline: this buffer visits no file")))
         (text (save-restriction (widen) (buffer-substring-no-properties (point-min) (point-max)))))
    (hotline-request "reload" (list :files (list (list :name (file-name-nondirectory file)
                                                       :base64 (base64-encode-string (encode-coding-string text 'utf-8) t))))
                     (lambda (reply)
                       (when (hotline--done-p reply)
                         (hotline--reload-report reply buffer file))))))

(defun hotline--reload-report (reply buffer file)
  "Say how a reload of FILE, from BUFFER, went: REPLY is its final answer."
  (let ((status (plist-get reply :status))
        (classes (mapcar (lambda (c) (format "%s %s" (plist-get c :outcome) (plist-get c :class)))
                         (plist-get reply :classes))))
    (cond ((memq :compile-error status)
           (with-current-buffer buffer
             (hotline--compile-errors
              (mapcar (lambda (e) (replace-regexp-in-string "\\`[^:\n]*:" (concat file ":") e t t))
                      (plist-get reply :errors))))
           (message "Reload: compile error (M-g n visits the next)"))
          ((memq :rejected status)
           (hotline--error-buffer (or (plist-get reply :report) (plist-get reply :message)))
           (message "Reload rejected: %s" (or (plist-get reply :message) "see *hotline-error*")))
          ((memq :error status) (message "Reload failed: %s" (plist-get reply :message)))
          (t (message "Reloaded %s: %s" (file-name-nondirectory file) (string-join classes ", "))))))

(defun hotline--reload-after-save ()
  "Reload the buffer after a save, if `hotline-reload-on-save' is non-nil."
  (when hotline-reload-on-save
    (hotline-reload-buffer)))

;;; Completion and documentation

(defun hotline--statement-start (position)
  "Return the start of the statement around POSITION, for completion.
That is after the last ; { or } outside of strings and comments."
  (save-excursion
    (let ((limit (hotline--context-start position)) (found nil))
      (goto-char position)
      (while (and (not found) (re-search-backward "[;{}]" limit t))
        (unless (nth 8 (syntax-ppss))
          (setq found (1+ (point)))))
      (or found limit))))

(defun hotline-completion-at-point ()
  "Complete from the service: application classes, members, declarations."
  (let* ((end (point))
         (start (hotline--statement-start end)))
    (when (hotline--idle-connection)
      (hotline--send-imports)
      (let* ((code (buffer-substring-no-properties start end))
             (reply (hotline--request-sync "complete" (list :code code :session hotline-session)))
             (anchor (and reply (plist-get reply :anchor))))
        (when anchor
          (list (+ start anchor) end (plist-get reply :completions) :exclusive 'no))))))

(defun hotline-eldoc (callback &rest _)
  "Give CALLBACK the signature (and Javadoc) of what point is in.
The service's answer comes later; return non-nil when it was asked."
  (when (hotline--idle-connection)
    (hotline--send-imports)
    (let ((start (hotline--statement-start (point))))
      (hotline-request "documentation" (list :code (buffer-substring-no-properties start (point))
                                             :session hotline-session)
                       (lambda (reply)
                         (when (hotline--done-p reply)
                           (let ((docs (plist-get reply :docs)))
                             (funcall callback (and docs (string-join docs "\n")))))))
      t)))

;;; Tracing

(defvar hotline--traces (make-hash-table :test #'equal)
  "The numbers of the running traces, by their spec.")

(defun hotline--trace-output (text)
  "Append TEXT to *hotline-trace*."
  (with-current-buffer (get-buffer-create "*hotline-trace*")
    (let ((inhibit-read-only t))
      (save-excursion (goto-char (point-max)) (insert text)))
    (unless (derived-mode-p 'special-mode) (special-mode))))

(defun hotline-trace-method ()
  "Trace the method at point in the service, or stop tracing it.
Each call, its arguments and value go to *hotline-trace*.  A trace ends by
itself after 100 calls."
  (interactive)
  (hotline--declaration-at-point
   (lambda (declaration)
     (let ((spec (plist-get declaration :trace-spec)))
       (cond ((string-empty-p spec) (message "Point is not in a method"))
             ((gethash spec hotline--traces)
              (hotline-request "untrace" (list :trace (gethash spec hotline--traces)) #'ignore))
             (t (hotline--start-trace spec)))))))

(defun hotline--start-trace (spec)
  "Start tracing SPEC, a CLASS::METHOD."
  (hotline-request "trace" (list :spec spec :count 100)
                   (lambda (reply)
                     (let ((call (plist-get reply :call)))
                       (cond ((plist-get reply :tracing)
                              (puthash spec (plist-get reply :trace) hotline--traces)
                              (hotline--trace-output (format "tracing %s\n" (plist-get reply :tracing)))
                              (message "Tracing %s (C-c C-t again stops)" spec))
                             (call (hotline--trace-output (hotline--trace-line call)))
                             ((plist-get reply :dropped)
                              (hotline--trace-output (format "(%d calls not shown)\n" (plist-get reply :dropped)))))
                       (when (hotline--done-p reply)
                         (remhash spec hotline--traces)
                         (let ((why (or (plist-get reply :reason) (plist-get reply :message))))
                           (hotline--trace-output (format "trace of %s ended: %s\n" spec why))
                           (message "Trace of %s ended: %s" spec why)))))))

(defun hotline--trace-line (call)
  "Return one traced CALL as a line."
  (format "%s %s.%s(%s) %s (%.3f ms)\n" (plist-get call :thread) (plist-get call :class) (plist-get call :method)
          (string-join (plist-get call :args) ", ")
          (if (plist-member call :thrown) (concat "threw " (plist-get call :thrown))
            (concat "returned " (or (plist-get call :value) "(void)")))
          (/ (or (plist-get call :nanos) 0) 1e6)))

;;; Probes at a line

(defun hotline--probe-at-line ()
  "Return the overlay of the probe set on point's line, or nil."
  (seq-find (lambda (overlay) (overlay-get overlay 'hotline-probe-place))
            (overlays-in (line-beginning-position) (line-end-position))))

(defun hotline--probe-output (buffer-name text)
  "Append TEXT to the buffer BUFFER-NAME, creating it."
  (with-current-buffer (get-buffer-create buffer-name)
    (let ((inhibit-read-only t))
      (save-excursion (goto-char (point-max)) (insert text)))
    (unless (derived-mode-p 'special-mode) (special-mode))))

(defun hotline--hit-text (hit)
  "Return HIT, a probe's hit, as text: a logpoint's line, or a capture's locals."
  (let ((head (format "%s [%s] %s" (format-time-string "%H:%M:%S" (/ (or (plist-get hit :time) 0) 1000.0))
                      (plist-get hit :thread) (plist-get hit :place))))
    (if (plist-member hit :message)
        (format "%s %s\n" head (plist-get hit :message))
      (concat head "\n"
              (if (plist-member hit :self) (format "  this = %s\n" (plist-get hit :self)) "")
              (let ((locals (plist-get hit :locals)) (lines ""))
                (while locals
                  (setq lines (concat lines (format "  %s = %s\n" (car locals) (cadr locals)))
                        locals (cddr locals)))
                lines)
              (mapconcat (lambda (frame) (format "    at %s\n" frame)) (plist-get hit :stack) "")))))

(defun hotline-log-at-line (template)
  "Set a logpoint on point's line, or remove the one there.
Each time a thread runs the line, TEMPLATE goes to *hotline-probes* with
its {expression} parts filled from the line's locals; the thread does not
stop.  The fringe marks the line, and its end counts the hits."
  (interactive (list (unless (hotline--probe-at-line)
                       (read-string "Log message ({expression} for a value): "))))
  (let ((probe (hotline--probe-at-line)))
    (if probe
        (hotline-request "unprobe" (list :probe (overlay-get probe 'hotline-probe)) #'ignore)
      (hotline--start-probe (list :message template) "*hotline-probes*"))))

(defun hotline-capture-at-line ()
  "Capture the locals, this and the stack at point's line.
The first time a thread runs the line, they go to *hotline-capture*; the
thread does not stop."
  (interactive)
  (hotline--start-probe nil "*hotline-capture*"))

(defun hotline--start-probe (arguments buffer-name)
  "Set a probe on point's line with ARGUMENTS; its hits go to BUFFER-NAME."
  (let ((place (format "%s:%d" (file-name-nondirectory (or (buffer-file-name) (buffer-name)))
                       (line-number-at-pos)))
        (overlay (make-overlay (line-beginning-position) (line-end-position)))
        (hits 0))
    (overlay-put overlay 'hotline-probe-place place)
    (overlay-put overlay 'before-string (propertize " " 'display '(left-fringe right-triangle)))
    (hotline-request "probe" (append (list :place place) arguments)
                     (lambda (reply)
                       (let ((hit (plist-get reply :hit)))
                         (cond ((plist-get reply :probing)
                                (overlay-put overlay 'hotline-probe (plist-get reply :probe))
                                (message "%s (again on its line removes it)" (plist-get reply :probing)))
                               (hit
                                (setq hits (1+ hits))
                                (overlay-put overlay 'after-string
                                             (propertize (format "  [%d %s]" hits (if (= hits 1) "hit" "hits"))
                                                         'face 'shadow))
                                (hotline--probe-output buffer-name (hotline--hit-text hit)))
                               ((plist-get reply :note)
                                (hotline--probe-output buffer-name (format "%s: %s\n" place (plist-get reply :note)))))
                         (when (hotline--done-p reply)
                           (delete-overlay overlay)
                           (let ((why (or (plist-get reply :reason) (plist-get reply :message))))
                             (hotline--probe-output buffer-name (format "probe at %s ended: %s\n" place why))
                             (message "Probe at %s ended: %s" place why))))))))

;;; REPL

(defvar hotline-repl-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-c") #'hotline-interrupt)
    (define-key map (kbd "C-c C-b") #'hotline-interrupt)
    map)
  "Keys of the REPL buffer, besides comint's.")

(defvar-local hotline--repl-pending ""
  "Lines typed that do not end a snippet yet.")

(define-derived-mode hotline-repl-mode comint-mode "Hotline-REPL"
  "A Java REPL on a service, over the connection of its project's buffers.
Lines that end inside a snippet wait for the next; history and completion are
comint's and the service's."
  (setq comint-prompt-regexp "^[A-Za-z0-9_-]*\\(> \\|\\.\\.\\.> \\)")
  (setq comint-input-sender #'hotline--repl-send)
  (setq comint-process-echoes nil)
  (setq-local comint-prompt-read-only t)
  (add-hook 'completion-at-point-functions #'hotline--repl-completion-at-point nil t))

(defun hotline--repl-prompt ()
  "Return the prompt: the session, or a continuation in an open snippet."
  (if (string-empty-p hotline--repl-pending) (concat hotline-session "> ") "...> "))

(defun hotline--repl-insert (buffer text)
  "Insert TEXT in the REPL BUFFER's output, before its prompt."
  (when (buffer-live-p buffer)
    (with-current-buffer buffer
      (comint-output-filter (get-buffer-process buffer) text))))

(defun hotline--repl-send (process input)
  "Send INPUT, typed in PROCESS's REPL buffer, once it ends a snippet."
  (let* ((buffer (process-buffer process))
         (code (concat hotline--repl-pending input)))
    (with-current-buffer buffer
      (hotline-request "is-complete" (list :code code :session hotline-session)
                       (lambda (reply)
                         (when (hotline--done-p reply)
                           (with-current-buffer buffer
                             (if (and (null (plist-get reply :complete)) (not (plist-get reply :message)))
                                 (progn (setq hotline--repl-pending (concat code "\n"))
                                        (hotline--repl-insert buffer (hotline--repl-prompt)))
                               (setq hotline--repl-pending "")
                               (hotline--repl-eval buffer code)))))))))

(defun hotline--repl-eval (buffer code)
  "Evaluate CODE for the REPL BUFFER, showing output, values and errors."
  (with-current-buffer buffer
    (hotline-request "eval" (list :code code :session hotline-session)
                     (lambda (reply)
                       (let ((text (concat (or (plist-get reply :out) "") (or (plist-get reply :err) ""))))
                         (cond ((plist-get reply :value)
                                (setq text (concat text (plist-get reply :value) "\n")))
                               ((plist-get reply :declared)
                                (setq text (concat text "| " (plist-get reply :declared) "\n")))
                               ((and (hotline--done-p reply) (memq :error (plist-get reply :status)))
                                (setq text (concat text (plist-get reply :message) "\n"))))
                         (when (hotline--done-p reply)
                           (setq text (concat text (with-current-buffer buffer (hotline--repl-prompt)))))
                         (unless (string-empty-p text)
                           (hotline--repl-insert buffer text)))))))

(defun hotline--repl-completion-at-point ()
  "Complete the REPL's input from the service."
  (let ((start (comint-line-beginning-position)) (end (point)))
    (when (and (>= end start) (hotline--idle-connection))
      (let* ((reply (hotline--request-sync "complete" (list :code (buffer-substring-no-properties start end)
                                                            :session hotline-session)))
             (anchor (and reply (plist-get reply :anchor))))
        (when anchor
          (list (+ start anchor) end (plist-get reply :completions) :exclusive 'no))))))

(defun hotline-repl ()
  "Show the REPL of this buffer's service, on the same connection."
  (interactive)
  (let* ((project (hotline--project-key))
         (connection (hotline--connection))
         (buffer (get-buffer-create (format "*hotline-repl %s*" (hotline--connection-name connection)))))
    (with-current-buffer buffer
      (unless (derived-mode-p 'hotline-repl-mode)
        (hotline-repl-mode)
        (setq hotline--project project))
      (unless (process-live-p (get-buffer-process buffer))
        (let ((process (make-pipe-process :name "hotline-repl" :buffer buffer :noquery t)))
          (set-process-query-on-exit-flag process nil)
          (set-marker (process-mark process) (point-max))
          (comint-output-filter process (concat "Java in " (hotline--connection-name connection)
                                                " (C-c C-c interrupts)\n" (hotline--repl-prompt))))))
    (pop-to-buffer buffer)
    buffer))

;;; The minor mode

(defvar hotline-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-x C-e") #'hotline-eval-last-expression)
    (define-key map (kbd "C-c C-c") #'hotline-eval-defun)
    (define-key map (kbd "C-c C-r") #'hotline-eval-region)
    (define-key map (kbd "C-c C-k") #'hotline-reload-buffer)
    (define-key map (kbd "C-c C-b") #'hotline-interrupt)
    (define-key map (kbd "C-c C-z") #'hotline-repl)
    (define-key map (kbd "C-c C-t") #'hotline-trace-method)
    (define-key map (kbd "C-c C-l") #'hotline-log-at-line)
    (define-key map (kbd "C-c C-s") #'hotline-capture-at-line)
    map)
  "Keys of `hotline-mode'.")

;;;###autoload
(define-minor-mode hotline-mode
  "Evaluate and reload Java in the service this buffer's project reaches.

\\{hotline-mode-map}"
  :lighter (:eval (hotline--mode-line))
  :keymap hotline-mode-map
  (if hotline-mode
      (progn
        (add-hook 'completion-at-point-functions #'hotline-completion-at-point nil t)
        (add-hook 'eldoc-documentation-functions #'hotline-eldoc nil t)
        (add-hook 'after-save-hook #'hotline--reload-after-save nil t)
        (eldoc-mode 1))
    (remove-hook 'completion-at-point-functions #'hotline-completion-at-point t)
    (remove-hook 'eldoc-documentation-functions #'hotline-eldoc t)
    (remove-hook 'after-save-hook #'hotline--reload-after-save t)
    (hotline--clear-overlay)))

(provide 'hotline)
;;; hotline.el ends here
