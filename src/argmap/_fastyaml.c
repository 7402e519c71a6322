/* The common case of argmap.yamlread, in C: plain YAML (mappings, lists, scalars) read from
 * libyaml's events straight into Python data, with a position for every value and key.
 *
 * argmap.yamlread's event loop in Python spends about 2 us per value: 3 s of a 30 MB map, most of
 * it making PyYAML's event and mark objects and walking them. This module builds the very same
 * result (documents, position table, key positions, texts of non-text plain scalars, values
 * outside records, records' entries) without them.
 *
 * It handles only what needs no judgement: as soon as it meets anything else (an anchor, an
 * alias, a tag, a merge key, a duplicate key, a mapping used as a key, a limit crossed, a syntax
 * error) it gives up and returns None, and argmap.yamlread reads the text again in Python, which
 * reports the problem exactly as before. So every message, position and limit stays the Python
 * reader's; tests/test_fastyaml.py compares the two readers on the same texts.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <yaml.h>

#define MAX_STACK 4096

typedef struct {
    uint64_t *items;
    Py_ssize_t size;
    Py_ssize_t capacity;
} Numbers;

static int numbers_add(Numbers *numbers, uint64_t value) {
    if (numbers->size == numbers->capacity) {
        Py_ssize_t capacity = numbers->capacity ? numbers->capacity * 2 : 1024;
        uint64_t *items = PyMem_Realloc(numbers->items, (size_t)capacity * sizeof(uint64_t));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        numbers->items = items;
        numbers->capacity = capacity;
    }
    numbers->items[numbers->size++] = value;
    return 0;
}

/* The numbers as the bytes of an array.array of items ``width`` bytes wide. */
static PyObject *numbers_bytes(const Numbers *numbers, int width) {
    PyObject *bytes = PyBytes_FromStringAndSize(NULL, numbers->size * width);
    if (bytes == NULL) {
        return NULL;
    }
    char *out = PyBytes_AS_STRING(bytes);
    for (Py_ssize_t i = 0; i < numbers->size; i++) {
        uint64_t value = numbers->items[i];
        if (width == 2) {
            uint16_t item = (uint16_t)value;
            memcpy(out + i * 2, &item, 2);
        } else if (width == 4) {
            uint32_t item = (uint32_t)value;
            memcpy(out + i * 4, &item, 4);
        } else {
            memcpy(out + i * 8, &value, 8);
        }
    }
    return bytes;
}

typedef struct {
    PyObject *value; /* the dict or list (owned) */
    PyObject *loc;   /* its path inside its record, or in the file outside any record (owned) */
    PyObject *base;  /* a record's path in the file, or NULL (owned) */
    PyObject *key;   /* a mapping's key waiting for its value, or NULL (owned) */
    uint64_t key_line;
    uint64_t key_column;
    Py_ssize_t first; /* the entry of the first value inside */
    int is_map;
    int inside; /* a record or inside one */
} Container;

typedef struct {
    /* what the caller passes */
    Py_ssize_t max_depth, max_string, max_records, max_values;
    PyObject *shared_fields; /* frozenset, may be empty */
    PyObject *shared_texts;  /* dict */
    Py_ssize_t shared_length;
    PyObject *paths_cache; /* dict: the shared path tuples (yamlread._PATHS) */
    Py_ssize_t max_paths;
    PyObject *resolve; /* callable: the value of a plain scalar that may not be text */
    const char *resolve_first; /* 128 entries: 0 text, 1 resolve, 2 resolve if short */
    Py_ssize_t short_length;
    /* the result */
    PyObject *documents, *paths, *texts, *outside, *records;
    Numbers lines, columns, key_lines, key_columns;
    /* the parse */
    Container stack[MAX_STACK];
    int depth;
    PyObject *document;
    int has_document;
    Py_ssize_t record_count, value_count;
} Reader;

/* Returned by the steps below: go on, give up (the Python reader takes over), or a Python error. */
enum { GO_ON = 0, GIVE_UP = 1, FAILED = -1 };

static int add_entry(Reader *r, PyObject *loc, uint64_t line, uint64_t column, uint64_t key_line,
                     uint64_t key_column, Py_ssize_t *index) {
    *index = PyList_GET_SIZE(r->paths);
    if (PyList_Append(r->paths, loc) < 0 || numbers_add(&r->lines, line) < 0 ||
        numbers_add(&r->columns, column) < 0 || numbers_add(&r->key_lines, key_line) < 0 ||
        numbers_add(&r->key_columns, key_column) < 0) {
        return FAILED;
    }
    return GO_ON;
}

/* ``(*parent, key)`` as a new tuple. New reference. */
static PyObject *path_plus(PyObject *parent, PyObject *key) {
    Py_ssize_t size = PyTuple_GET_SIZE(parent);
    PyObject *loc = PyTuple_New(size + 1);
    if (loc == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *item = PyTuple_GET_ITEM(parent, i);
        Py_INCREF(item);
        PyTuple_SET_ITEM(loc, i, item);
    }
    Py_INCREF(key);
    PyTuple_SET_ITEM(loc, size, key);
    return loc;
}

/* ``(*parent, key)``, one shared tuple per path (yamlread._path). New reference. */
static PyObject *shared_path(Reader *r, PyObject *parent, PyObject *key) {
    PyObject *loc = path_plus(parent, key);
    if (loc == NULL) {
        return NULL;
    }
    PyObject *shared = PyDict_GetItemWithError(r->paths_cache, loc);
    if (shared != NULL) {
        Py_INCREF(shared);
        Py_DECREF(loc);
        return shared;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(loc);
        return NULL;
    }
    if (PyDict_GET_SIZE(r->paths_cache) >= r->max_paths) {
        PyDict_Clear(r->paths_cache);
    }
    if (PyDict_SetItem(r->paths_cache, loc, loc) < 0) {
        Py_DECREF(loc);
        return NULL;
    }
    return loc;
}

static int count_record(Reader *r) {
    r->record_count++;
    return r->record_count > r->max_records ? GIVE_UP : GO_ON;
}

/* A record (``base``, its path in the file; the reference is taken) starts here: its own path,
 * where the paths inside it start, is ``()``. */
static int add_record(Reader *r, PyObject *base, uint64_t line, uint64_t column,
                      PyObject **loc_out, Py_ssize_t *index, PyObject **base_out) {
    PyObject *empty = PyTuple_New(0);
    if (empty == NULL || add_entry(r, empty, line, column, 0, 0, index) < 0) {
        Py_XDECREF(empty);
        Py_DECREF(base);
        return FAILED;
    }
    *loc_out = empty;
    *base_out = base;
    return GO_ON;
}

/* A value at ``loc`` (the reference is taken): inside a record, or outside any (then listed in
 * ``outside``). */
static int add_value(Reader *r, PyObject *loc, int inside, uint64_t line, uint64_t column,
                     uint64_t key_line, uint64_t key_column, PyObject **loc_out,
                     Py_ssize_t *index) {
    if (add_entry(r, loc, line, column, key_line, key_column, index) < 0) {
        Py_DECREF(loc);
        return FAILED;
    }
    if (!inside) {
        PyObject *entry = PyLong_FromSsize_t(*index);
        if (entry == NULL || PyDict_SetItem(r->outside, loc, entry) < 0) {
            Py_XDECREF(entry);
            Py_DECREF(loc);
            return FAILED;
        }
        Py_DECREF(entry);
    }
    *loc_out = loc;
    return GO_ON;
}

/* yamlread's ``place``: put ``value`` where the parse is. Sets its path (new reference), its
 * entry and, for a record, its path in the file (new reference, else NULL). */
static int place(Reader *r, PyObject *value, uint64_t line, uint64_t column, PyObject **loc_out,
                 Py_ssize_t *index, PyObject **base_out) {
    *loc_out = NULL;
    *base_out = NULL;
    if (r->depth == 0) { /* a document */
        PyObject *loc = Py_BuildValue("(n)", PyList_GET_SIZE(r->documents));
        if (loc == NULL) {
            return FAILED;
        }
        Py_XDECREF(r->document);
        Py_INCREF(value);
        r->document = value;
        r->has_document = 1;
        if (!PyDict_CheckExact(value)) {
            return add_value(r, loc, 0, line, column, 0, 0, loc_out, index);
        }
        if (count_record(r) != GO_ON) {
            Py_DECREF(loc);
            return GIVE_UP;
        }
        return add_record(r, loc, line, column, loc_out, index, base_out);
    }
    Container *top = &r->stack[r->depth - 1];
    if (top->is_map) {
        PyObject *key = top->key;
        top->key = NULL;
        PyObject *loc = NULL;
        if (PyDict_SetItem(top->value, key, value) == 0) {
            loc = top->inside ? shared_path(r, top->loc, key) : path_plus(top->loc, key);
        }
        Py_DECREF(key);
        if (loc == NULL) {
            return FAILED;
        }
        return add_value(r, loc, top->inside, line, column, top->key_line, top->key_column,
                         loc_out, index);
    }
    PyObject *item = PyLong_FromSsize_t(PyList_GET_SIZE(top->value));
    if (item == NULL) {
        return FAILED;
    }
    if (r->depth == 1 && count_record(r) != GO_ON) {
        Py_DECREF(item);
        return GIVE_UP;
    }
    int is_record = r->depth == 1 && PyDict_CheckExact(value);
    PyObject *loc = NULL;
    if (PyList_Append(top->value, value) == 0) {
        loc = top->inside && !is_record ? shared_path(r, top->loc, item) : path_plus(top->loc, item);
    }
    Py_DECREF(item);
    if (loc == NULL) {
        return FAILED;
    }
    if (is_record) {
        return add_record(r, loc, line, column, loc_out, index, base_out);
    }
    return add_value(r, loc, top->inside, line, column, 0, 0, loc_out, index);
}

static int count_value(Reader *r) {
    r->value_count++;
    return r->value_count > r->max_values ? GIVE_UP : GO_ON;
}

/* Whether ``value`` is a decimal integer YAML 1.1 reads as one, in plain digits: ``0`` or a
 * digit other than 0 and up to 17 more digits (no sign, no ``_``, no leading 0: octal). */
static int is_small_decimal(const yaml_char_t *value, size_t length) {
    if (length == 0 || length > 18 || (value[0] == '0' && length > 1)) {
        return 0;
    }
    for (size_t i = 0; i < length; i++) {
        if (value[i] < '0' || value[i] > '9') {
            return 0;
        }
    }
    return 1;
}

static int on_scalar(Reader *r, yaml_event_t *event) {
    if (count_value(r) != GO_ON) {
        return GIVE_UP;
    }
    if (event->data.scalar.tag != NULL || event->data.scalar.anchor != NULL) {
        return GIVE_UP;
    }
    uint64_t line = event->start_mark.line + 1;
    uint64_t column = event->start_mark.column + 1;
    PyObject *text = PyUnicode_DecodeUTF8((const char *)event->data.scalar.value,
                                          (Py_ssize_t)event->data.scalar.length, "strict");
    if (text == NULL) {
        return FAILED;
    }
    if (PyUnicode_GET_LENGTH(text) > r->max_string) {
        Py_DECREF(text);
        return GIVE_UP;
    }
    int plain = event->data.scalar.plain_implicit && event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    Container *top = r->depth > 0 ? &r->stack[r->depth - 1] : NULL;
    if (top != NULL && top->is_map && top->key == NULL) {
        /* a key: always text, as written; a merge key or a duplicate is the Python reader's */
        if ((plain && event->data.scalar.length == 2 && memcmp(event->data.scalar.value, "<<", 2) == 0)) {
            Py_DECREF(text);
            return GIVE_UP;
        }
        int duplicate = PyDict_Contains(top->value, text);
        if (duplicate != 0) {
            Py_DECREF(text);
            return duplicate < 0 ? FAILED : GIVE_UP;
        }
        PyUnicode_InternInPlace(&text);
        top->key = text;
        top->key_line = line;
        top->key_column = column;
        return GO_ON;
    }
    PyObject *value = text;
    Py_INCREF(value);
    int is_text = 1;
    if (plain) {
        int resolve = 0;
        if (event->data.scalar.length == 0) {
            resolve = 1;
        } else {
            unsigned char first = event->data.scalar.value[0];
            if (first < 128) {
                char how = r->resolve_first[first];
                resolve = how == 1 || (how == 2 && PyUnicode_GET_LENGTH(text) <= r->short_length);
            }
        }
        if (resolve && is_small_decimal(event->data.scalar.value, event->data.scalar.length)) {
            /* the most common number, such as `credibility: 2`: no need to ask Python */
            Py_DECREF(value);
            value = PyLong_FromString((const char *)event->data.scalar.value, NULL, 10);
            if (value == NULL) {
                Py_DECREF(text);
                return FAILED;
            }
            is_text = 0;
        } else if (resolve) {
            Py_DECREF(value);
            value = PyObject_CallOneArg(r->resolve, text);
            if (value == NULL) {
                Py_DECREF(text);
                return FAILED;
            }
            is_text = PyUnicode_Check(value);
        }
    }
    if (is_text && top != NULL && PySet_GET_SIZE(r->shared_fields) > 0 &&
        PyUnicode_GET_LENGTH(value) <= r->shared_length) {
        PyObject *field = NULL;
        if (top->is_map) {
            field = top->key;
        } else if (PyTuple_GET_SIZE(top->loc) > 0) {
            field = PyTuple_GET_ITEM(top->loc, PyTuple_GET_SIZE(top->loc) - 1);
        }
        if (field != NULL) {
            int wanted = PySet_Contains(r->shared_fields, field);
            if (wanted < 0) {
                Py_DECREF(value);
                Py_DECREF(text);
                return FAILED;
            }
            if (wanted) {
                PyObject *kept = PyDict_SetDefault(r->shared_texts, value, value);
                if (kept == NULL) {
                    Py_DECREF(value);
                    Py_DECREF(text);
                    return FAILED;
                }
                Py_INCREF(kept);
                Py_DECREF(value);
                value = kept;
            }
        }
    }
    PyObject *loc, *base;
    Py_ssize_t index;
    int status = place(r, value, line, column, &loc, &index, &base);
    Py_DECREF(value);
    Py_XDECREF(loc);
    Py_XDECREF(base);
    if (status == GO_ON && plain && !is_text) {
        PyObject *entry = PyLong_FromSsize_t(index);
        if (entry == NULL || PyDict_SetItem(r->texts, entry, text) < 0) {
            Py_XDECREF(entry);
            Py_DECREF(text);
            return FAILED;
        }
        Py_DECREF(entry);
    }
    Py_DECREF(text);
    return status;
}

static int on_start(Reader *r, yaml_event_t *event, int is_map) {
    if (count_value(r) != GO_ON) {
        return GIVE_UP;
    }
    yaml_char_t *anchor = is_map ? event->data.mapping_start.anchor : event->data.sequence_start.anchor;
    yaml_char_t *tag = is_map ? event->data.mapping_start.tag : event->data.sequence_start.tag;
    if (anchor != NULL || tag != NULL) {
        return GIVE_UP;
    }
    if (r->depth > 0 && r->stack[r->depth - 1].is_map && r->stack[r->depth - 1].key == NULL) {
        return GIVE_UP; /* a mapping or list as a key */
    }
    if (r->depth >= r->max_depth || r->depth >= MAX_STACK) {
        return GIVE_UP;
    }
    PyObject *container = is_map ? PyDict_New() : PyList_New(0);
    if (container == NULL) {
        return FAILED;
    }
    int inside = r->depth > 0 && r->stack[r->depth - 1].inside;
    PyObject *loc, *base;
    Py_ssize_t index;
    int status = place(r, container, event->start_mark.line + 1, event->start_mark.column + 1,
                       &loc, &index, &base);
    if (status != GO_ON) {
        Py_DECREF(container);
        Py_XDECREF(loc);
        Py_XDECREF(base);
        return status;
    }
    Container *pushed = &r->stack[r->depth++];
    pushed->value = container;
    pushed->loc = loc;
    pushed->base = base;
    pushed->key = NULL;
    pushed->key_line = 0;
    pushed->key_column = 0;
    pushed->first = PyList_GET_SIZE(r->paths);
    pushed->is_map = is_map;
    pushed->inside = inside || base != NULL;
    return GO_ON;
}

static void pop(Reader *r) {
    Container *done = &r->stack[--r->depth];
    Py_CLEAR(done->value);
    Py_CLEAR(done->loc);
    Py_CLEAR(done->base);
    Py_CLEAR(done->key);
}

static int on_end(Reader *r) {
    Container *done = &r->stack[r->depth - 1];
    int status = GO_ON;
    if (done->base != NULL) {
        PyObject *entries = Py_BuildValue("(nn)", done->first - 1, PyList_GET_SIZE(r->paths));
        if (entries == NULL || PyDict_SetItem(r->records, done->base, entries) < 0) {
            status = FAILED;
        }
        Py_XDECREF(entries);
    }
    pop(r);
    return status;
}

static int on_document_end(Reader *r) {
    if (r->has_document) {
        if (PyList_Append(r->documents, r->document) < 0) {
            return FAILED;
        }
    }
    Py_CLEAR(r->document);
    r->has_document = 0;
    return GO_ON;
}

/* Whether the UTF-8 text holds NEL, LS or PS: libyaml reads them as line breaks, and argmap
 * refuses them (yamlread._NOT_ALLOWED). libyaml refuses every other character argmap refuses. */
static int has_yaml_line_break(const char *data, Py_ssize_t size) {
    const unsigned char *text = (const unsigned char *)data;
    for (Py_ssize_t i = 0; i + 1 < size; i++) {
        if (text[i] == 0xC2 && text[i + 1] == 0x85) {
            return 1;
        }
        if (text[i] == 0xE2 && i + 2 < size && text[i + 1] == 0x80 &&
            (text[i + 2] == 0xA8 || text[i + 2] == 0xA9)) {
            return 1;
        }
    }
    return 0;
}

static PyObject *libyaml_version(PyObject *module, PyObject *unused) {
    (void)module;
    (void)unused;
    return PyUnicode_FromString(yaml_get_version_string());
}

static PyObject *read_text(PyObject *module, PyObject *args) {
    (void)module;
    const char *data;
    Py_ssize_t size;
    Reader *r = PyMem_Calloc(1, sizeof(Reader));
    if (r == NULL) {
        return PyErr_NoMemory();
    }
    int width;
    PyObject *resolve_first;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "s#innnnO!O!nO!nOSn", &data, &size, &width, &r->max_depth,
                          &r->max_string, &r->max_records, &r->max_values, &PyFrozenSet_Type,
                          &r->shared_fields, &PyDict_Type, &r->shared_texts, &r->shared_length,
                          &PyDict_Type, &r->paths_cache, &r->max_paths, &r->resolve,
                          &resolve_first, &r->short_length)) {
        PyMem_Free(r);
        return NULL;
    }
    if (PyBytes_GET_SIZE(resolve_first) != 128 || (width != 2 && width != 4 && width != 8)) {
        PyMem_Free(r);
        PyErr_SetString(PyExc_ValueError, "resolve_first must be 128 bytes; width 2, 4 or 8");
        return NULL;
    }
    if (has_yaml_line_break(data, size)) {
        PyMem_Free(r);
        Py_RETURN_NONE;
    }
    r->resolve_first = PyBytes_AS_STRING(resolve_first);
    r->documents = PyList_New(0);
    r->paths = PyList_New(0);
    r->texts = PyDict_New();
    r->outside = PyDict_New();
    r->records = PyDict_New();
    yaml_parser_t parser;
    yaml_event_t event;
    int status = FAILED;
    if (r->documents == NULL || r->paths == NULL || r->texts == NULL || r->outside == NULL ||
        r->records == NULL) {
        goto done;
    }
    if (!yaml_parser_initialize(&parser)) {
        PyErr_NoMemory();
        goto done;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, (size_t)size);
    status = GO_ON;
    while (status == GO_ON) {
        if (!yaml_parser_parse(&parser, &event)) {
            status = GIVE_UP; /* the Python reader reports the syntax error */
            break;
        }
        yaml_event_type_t type = event.type;
        switch (type) {
        case YAML_SCALAR_EVENT:
            status = on_scalar(r, &event);
            break;
        case YAML_MAPPING_START_EVENT:
            status = on_start(r, &event, 1);
            break;
        case YAML_SEQUENCE_START_EVENT:
            status = on_start(r, &event, 0);
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            status = on_end(r);
            break;
        case YAML_ALIAS_EVENT:
            status = GIVE_UP;
            break;
        case YAML_DOCUMENT_END_EVENT:
            status = on_document_end(r);
            break;
        default:
            break;
        }
        yaml_event_delete(&event);
        if (type == YAML_STREAM_END_EVENT) {
            break;
        }
    }
    yaml_parser_delete(&parser);
    if (status == GO_ON) {
        PyObject *lines = numbers_bytes(&r->lines, width);
        PyObject *columns = numbers_bytes(&r->columns, width);
        PyObject *key_lines = numbers_bytes(&r->key_lines, width);
        PyObject *key_columns = numbers_bytes(&r->key_columns, width);
        if (lines != NULL && columns != NULL && key_lines != NULL && key_columns != NULL) {
            result = PyTuple_Pack(9, r->documents, r->paths, lines, columns, key_lines,
                                  key_columns, r->texts, r->outside, r->records);
        }
        Py_XDECREF(lines);
        Py_XDECREF(columns);
        Py_XDECREF(key_lines);
        Py_XDECREF(key_columns);
    } else if (status == GIVE_UP) {
        result = Py_NewRef(Py_None);
    }
done:
    while (r->depth > 0) {
        pop(r);
    }
    Py_XDECREF(r->document);
    Py_XDECREF(r->documents);
    Py_XDECREF(r->paths);
    Py_XDECREF(r->texts);
    Py_XDECREF(r->outside);
    Py_XDECREF(r->records);
    PyMem_Free(r->lines.items);
    PyMem_Free(r->columns.items);
    PyMem_Free(r->key_lines.items);
    PyMem_Free(r->key_columns.items);
    PyMem_Free(r);
    return result;
}

static PyMethodDef methods[] = {
    {"read", read_text, METH_VARARGS,
     "read(text, width, max_depth, max_string, max_records, max_values, shared_fields, "
     "shared_texts, shared_length, paths_cache, max_paths, resolve, resolve_first, "
     "short_length) -> tuple | None\n\n"
     "argmap.yamlread's result for a plain YAML text, or None where the Python reader must "
     "read it (see argmap.yamlread.parse_yaml)."},
    {"libyaml_version", libyaml_version, METH_NOARGS,
     "The version of the libyaml this module was built with, such as '0.2.5'."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "argmap._fastyaml",
    "The common case of argmap.yamlread in C (see argmap.yamlread.parse_yaml).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__fastyaml(void) { return PyModule_Create(&module_definition); }
