// Obsidian's additions to the DOM (createEl, createDiv, empty, setText, …),
// installed on the prototypes the way Obsidian itself does.

export interface DomElementInfo {
	cls?: string | string[];
	text?: string;
	attr?: Record<string, string | number | boolean>;
	title?: string;
	type?: string;
	value?: string;
	placeholder?: string;
	href?: string;
}

type Cb<T> = (el: T) => void;

function applyInfo(el: HTMLElement, info?: DomElementInfo | string): void {
	if (info === undefined) return;
	if (typeof info === "string") {
		el.className = info;
		return;
	}
	if (info.cls) el.className = Array.isArray(info.cls) ? info.cls.join(" ") : info.cls;
	if (info.text !== undefined) el.textContent = info.text;
	if (info.title !== undefined) el.title = info.title;
	if (info.attr) for (const [k, v] of Object.entries(info.attr)) el.setAttribute(k, String(v));
	if (info.type !== undefined) el.setAttribute("type", info.type);
	if (info.value !== undefined) (el as HTMLInputElement).value = info.value;
	if (info.placeholder !== undefined) el.setAttribute("placeholder", info.placeholder);
	if (info.href !== undefined) el.setAttribute("href", info.href);
}

function createElIn(parent: Node | null, tag: string, info?: DomElementInfo | string, cb?: Cb<HTMLElement>): HTMLElement {
	const el = document.createElement(tag);
	applyInfo(el, info);
	if (parent) parent.appendChild(el);
	cb?.(el);
	return el;
}

export function installDomHelpers(): void {
	const proto = Node.prototype as unknown as Record<string, unknown>;
	proto.createEl = function (this: Node, tag: string, info?: DomElementInfo | string, cb?: Cb<HTMLElement>) {
		return createElIn(this, tag, info, cb);
	};
	proto.createDiv = function (this: Node, info?: DomElementInfo | string, cb?: Cb<HTMLElement>) {
		return createElIn(this, "div", info, cb);
	};
	proto.createSpan = function (this: Node, info?: DomElementInfo | string, cb?: Cb<HTMLElement>) {
		return createElIn(this, "span", info, cb);
	};
	proto.empty = function (this: Node) {
		while (this.firstChild) this.removeChild(this.firstChild);
	};
	proto.appendText = function (this: Node, text: string) {
		this.appendChild(document.createTextNode(text));
	};
	proto.detach = function (this: Node) {
		this.parentNode?.removeChild(this);
	};
	const el = HTMLElement.prototype as unknown as Record<string, unknown>;
	el.setText = function (this: HTMLElement, text: string) {
		this.textContent = text;
	};
	el.addClass = function (this: HTMLElement, ...cls: string[]) {
		this.classList.add(...cls);
	};
	el.addClasses = function (this: HTMLElement, cls: string[]) {
		this.classList.add(...cls);
	};
	el.removeClass = function (this: HTMLElement, ...cls: string[]) {
		this.classList.remove(...cls);
	};
	el.toggleClass = function (this: HTMLElement, cls: string, value: boolean) {
		this.classList.toggle(cls, value);
	};
	el.hasClass = function (this: HTMLElement, cls: string) {
		return this.classList.contains(cls);
	};
	el.setAttr = function (this: HTMLElement, name: string, value: string | number | boolean | null) {
		if (value === null) this.removeAttribute(name);
		else this.setAttribute(name, String(value));
	};
	el.instanceOf = function (this: HTMLElement, type: new () => unknown) {
		return this instanceof type;
	};
	const w = window as unknown as Record<string, unknown>;
	w.createFragment = (cb?: Cb<DocumentFragment>) => {
		const frag = document.createDocumentFragment();
		cb?.(frag);
		return frag;
	};
	w.createEl = (tag: string, info?: DomElementInfo | string, cb?: Cb<HTMLElement>) => createElIn(null, tag, info, cb);
	w.createDiv = (info?: DomElementInfo | string, cb?: Cb<HTMLElement>) => createElIn(null, "div", info, cb);
	w.createSpan = (info?: DomElementInfo | string, cb?: Cb<HTMLElement>) => createElIn(null, "span", info, cb);
	w.activeDocument = document;
	w.activeWindow = window;
}
