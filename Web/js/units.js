// Reference units page: provinces on a chosen day, and the communes of the province clicked.
"use strict";

const TYPE_VI = { province: "Tỉnh", municipality: "Thành phố trực thuộc TW", commune: "Xã", ward: "Phường", special_zone: "Đặc khu" };
const numberVi = new Intl.NumberFormat("vi-VN");

/** dd/mm/yyyy from an ISO date (YYYY-MM-DD). */
function viDate(iso) {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** Today's date in Vietnam (Asia/Ho_Chi_Minh) as YYYY-MM-DD. */
function todayInVietnam() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
  return body;
}

async function showStatus() {
  const status = document.getElementById("status");
  try {
    const ready = await getJSON("/ready");
    status.textContent = "Máy chủ sẵn sàng · cơ sở dữ liệu kết nối";
    status.className = "status ok";
  } catch (error) {
    status.textContent = "Máy chủ chưa sẵn sàng: " + error.message;
    status.className = "status bad";
  }
}

async function showProvinces(asOf) {
  const body = document.querySelector("#provinces tbody");
  document.getElementById("as-of-label").textContent = viDate(asOf);
  try {
    const data = await getJSON(`/api/v1/units/provinces?as_of=${asOf}`);
    body.replaceChildren();
    let communes = 0;
    for (const p of data.items) {
      communes += p.commune_count;
      const row = document.createElement("tr");
      row.dataset.code = p.code;
      const name = document.createElement("td");
      const button = document.createElement("button");
      button.className = "link";
      button.textContent = p.full_name;
      button.addEventListener("click", () => showCommunes(p.code, asOf));
      name.append(button);
      row.append(cell(p.code), name, cell(TYPE_VI[p.type] || p.type), cell(numberVi.format(p.commune_count), "num"));
      body.append(row);
    }
    document.getElementById("summary").textContent =
      `${data.count} đơn vị cấp tỉnh, ${numberVi.format(communes)} đơn vị cấp xã tại ngày ${viDate(data.as_of)}.`;
    if (data.count === 0) {
      body.replaceChildren(Object.assign(document.createElement("tr"), { innerHTML: '<td colspan="4" class="muted">Không có đơn vị nào có hiệu lực tại ngày này (danh mục bắt đầu từ 01/07/2025).</td>' }));
    }
  } catch (error) {
    body.replaceChildren(Object.assign(document.createElement("tr"), { innerHTML: '<td colspan="4"></td>' }));
    body.querySelector("td").textContent = "Không tải được danh sách: " + error.message;
  }
}

async function showCommunes(code, asOf) {
  const section = document.getElementById("communes-section");
  const body = document.querySelector("#communes tbody");
  const data = await getJSON(`/api/v1/units/provinces/${code}/communes?as_of=${asOf}`);
  document.getElementById("communes-title").textContent = `${data.province.full_name}: ${data.count} đơn vị cấp xã`;
  body.replaceChildren(...data.items.map((c) => {
    const row = document.createElement("tr");
    row.append(cell(c.code), cell(c.full_name), cell(TYPE_VI[c.type] || c.type), cell(viDate(c.valid_from)));
    return row;
  }));
  section.hidden = false;
  section.scrollIntoView({ behavior: "smooth" });
}

const input = document.getElementById("as-of");
input.value = todayInVietnam();
input.addEventListener("change", () => input.value && showProvinces(input.value));
showStatus();
showProvinces(input.value);
