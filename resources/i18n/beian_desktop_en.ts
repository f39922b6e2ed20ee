<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于备案接入助手</source>
        <translation>About Beian Desktop</translation>
    </message>
    <message>
        <source>离线办理阿里云接入备案：检查资料和幕布照片，草稿自动保存。</source>
        <translation>Offline ICP access filings at Alibaba Cloud: checks the documents and the backdrop photo; drafts are saved automatically.</translation>
    </message>
    <message>
        <source>版本 {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>本程序随附以下第三方组件，各自按其许可证授权：</source>
        <translation>This program ships the following third-party components, each under its own licence:</translation>
    </message>
    <message>
        <source>第三方组件(&amp;C)：</source>
        <translation>&amp;Components:</translation>
    </message>
    <message>
        <source>许可证文本(&amp;T)：</source>
        <translation>Licence &amp;text:</translation>
    </message>
    <message>
        <source>许可证：{license}</source>
        <translation>Licence: {license}</translation>
    </message>
    <message>
        <source>缺少许可证文本：{files}</source>
        <translation>Licence text missing: {files}</translation>
    </message>
</context>
<context>
    <name>Binding</name>
    <message>
        <source>错误：</source>
        <translation>Error: </translation>
    </message>
    <message>
        <source>提醒：</source>
        <translation>Warning: </translation>
    </message>
</context>
<context>
    <name>Choices</name>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>请选择省份</source>
        <translation>Choose a province</translation>
    </message>
</context>
<context>
    <name>CopyAction</name>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>复制，以便粘贴到阿里云备案控制台</source>
        <translation>Copy, to paste it into the Alibaba Cloud filing console</translation>
    </message>
    <message>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>主体、网站与接入信息</source>
        <translation>Subject, website and access data</translation>
    </message>
    <message>
        <source>添加网站</source>
        <translation>Add website</translation>
    </message>
    <message>
        <source>删除此网站</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>正在编辑的网站</source>
        <translation>Website being edited</translation>
    </message>
    <message>
        <source>网站 {n}：{name}</source>
        <translation>Website {n}: {name}</translation>
    </message>
    <message>
        <source>删除网站</source>
        <translation>Remove website</translation>
    </message>
    <message>
        <source>从这份草稿中删除“{name}”及其网站负责人信息？</source>
        <translation>Remove “{name}” and its website owner&apos;s data from this draft?</translation>
    </message>
    <message>
        <source>选择主体所在省份后，这里会列出该省的特别要求。</source>
        <translation>Choose the subject&apos;s province to see its special requirements here.</translation>
    </message>
    <message>
        <source>{province}：</source>
        <translation>{province}:</translation>
    </message>
    <message>
        <source>{province}：没有额外的省份要求。</source>
        <translation>{province}: no additional provincial requirements.</translation>
    </message>
</context>
<context>
    <name>DocumentSlot</name>
    <message>
        <source>拖放文件到这里</source>
        <translation>Drop a file here</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>显示通过的检查</source>
        <translation>Show the passed checks</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>旋转</source>
        <translation>Rotate</translation>
    </message>
    <message>
        <source>压缩</source>
        <translation>Compress</translation>
    </message>
    <message>
        <source>裁剪</source>
        <translation>Crop</translation>
    </message>
    <message>
        <source>恢复原图</source>
        <translation>Restore original</translation>
    </message>
    <message>
        <source>以更高质量重新保存</source>
        <translation>Save at higher quality</translation>
    </message>
    <message>
        <source>转换为 JPG</source>
        <translation>Convert to JPEG</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>选择证件图片</source>
        <extracomment>Fields whose change can change the list of required documents. Documents also accept one-page PDF scans (rendered and checked; the package gets a JPEG). the draft values the last check compared (a change re-checks the document when the page is shown)</extracomment>
        <translation>Choose a document picture</translation>
    </message>
    <message>
        <source>图片或 PDF</source>
        <translation>Pictures or PDF</translation>
    </message>
    <message>
        <source>拖放文件到这里</source>
        <translation>Drop a file here</translation>
    </message>
    <message>
        <source>检查中…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>未上传</source>
        <translation>Not uploaded</translation>
    </message>
    <message>
        <source>（已处理，原图已保留）</source>
        <translation> (fixed; the original is kept)</translation>
    </message>
    <message>
        <source>这看起来是{kind}，不是这里需要的证件面</source>
        <translation>This looks like {kind}, not the side this slot needs</translation>
    </message>
    <message>
        <source>识别为：{kind}</source>
        <translation>Recognised as {kind}</translation>
    </message>
    <message>
        <source>{field}与填写的不一致</source>
        <translation>The {field} differs from the form</translation>
    </message>
    <message>
        <source>{field}无法确认，请核对</source>
        <translation>The {field} could not be confirmed; please check</translation>
    </message>
    <message>
        <source>去修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>证件已过期</source>
        <translation>The document has expired</translation>
    </message>
    <message>
        <source>上传资料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>证件检查器不可用 / checker not available：文件会被保存，但不会被检查。</source>
        <translation>Document checker not available: files are stored but not checked.</translation>
    </message>
</context>
<context>
    <name>DomainListEdit</name>
    <message>
        <source>添加域名</source>
        <translation>Add domain</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>要添加的域名</source>
        <translation>Domain to add</translation>
    </message>
    <message>
        <source>网站的域名</source>
        <translation>The website&apos;s domains</translation>
    </message>
</context>
<context>
    <name>DraftsList</name>
    <message>
        <source>草稿</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>每一份草稿都会自动保存。双击打开草稿，或新建一份；也可以把草稿文件（.json）或提交材料包（.zip）拖到窗口里导入。</source>
        <translation>Every draft is saved automatically. Double-click a draft to open it, or create a new one; you can also drop an exported draft (.json) or a submission package (.zip) on the window to import it.</translation>
    </message>
    <message>
        <source>草稿列表</source>
        <translation>Draft list</translation>
    </message>
    <message>
        <source>新建(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>复制(&amp;D)</source>
        <translation>&amp;Duplicate</translation>
    </message>
    <message>
        <source>删除(&amp;R)</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>显示已删除(&amp;S)</source>
        <translation>&amp;Show deleted</translation>
    </message>
    <message>
        <source>导入(&amp;I)…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>导出(&amp;X)…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>产品验证</source>
        <translation>Product verification</translation>
    </message>
    <message>
        <source>备案密码</source>
        <translation>Filing password</translation>
    </message>
    <message>
        <source>填写信息</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>上传资料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>拍照核验</source>
        <translation>Photo verification</translation>
    </message>
    <message>
        <source>提交与短信核验</source>
        <translation>Submission and SMS check</translation>
    </message>
    <message>
        <source>审核跟踪</source>
        <translation>Review tracking</translation>
    </message>
    <message>
        <source>已退回，修改中</source>
        <translation>Returned, editing</translation>
    </message>
    <message>
        <source>编辑中</source>
        <translation>Editing</translation>
    </message>
    <message>
        <source>申请主体</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>域名</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>备案类型</source>
        <translation>Filing type</translation>
    </message>
    <message>
        <source>当前步骤</source>
        <translation>Current step</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最后修改</source>
        <translation>Last change</translation>
    </message>
    <message>
        <source>（未命名草稿）</source>
        <translation>(untitled draft)</translation>
    </message>
    <message>
        <source>（已删除）</source>
        <translation> (deleted)</translation>
    </message>
    <message>
        <source>阻止提交的错误数（字段和证件）；“—”表示还没有检查过。</source>
        <translation>Errors that block the submission (fields and documents); “—” means not checked yet.</translation>
    </message>
    <message>
        <source>已删除草稿“{name}”。</source>
        <translation>Draft “{name}” deleted.</translation>
    </message>
    <message>
        <source>撤销删除(&amp;U)</source>
        <translation>&amp;Undo delete</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>网站负责人</source>
        <translation>Site owner</translation>
    </message>
    <message>
        <source>网站</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>主体</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>主体负责人</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>接入联系方式</source>
        <translation>Access contact</translation>
    </message>
    <message>
        <source>幕布邮寄</source>
        <translation>Backdrop mailing</translation>
    </message>
    <message>
        <source>备案类型</source>
        <translation>Filing type</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>原备案信息</source>
        <translation>Original filing</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>申请</source>
        <translation>Application</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>备案接入助手</source>
        <translation>Beian Desktop</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>新建草稿(&amp;N)</source>
        <translation>&amp;New draft</translation>
    </message>
    <message>
        <source>草稿列表(&amp;L)</source>
        <translation>Draft &amp;list</translation>
    </message>
    <message>
        <source>复制草稿(&amp;D)</source>
        <translation>&amp;Duplicate draft</translation>
    </message>
    <message>
        <source>删除草稿(&amp;R)…</source>
        <translation>Dele&amp;te draft…</translation>
    </message>
    <message>
        <source>删除草稿列表中选中的草稿（会先确认，之后可以撤销）</source>
        <translation>Delete the draft selected in the draft list (asks first; can be undone)</translation>
    </message>
    <message>
        <source>删除草稿</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <source>撤销删除(&amp;U)</source>
        <translation>&amp;Undo delete</translation>
    </message>
    <message>
        <source>导入草稿或材料包(&amp;I)…</source>
        <translation>&amp;Import draft or package…</translation>
    </message>
    <message>
        <source>导出草稿(&amp;E)…</source>
        <translation>&amp;Export draft…</translation>
    </message>
    <message>
        <source>导出提交材料包(&amp;P)…</source>
        <translation>Export submission &amp;package…</translation>
    </message>
    <message>
        <source>导出 zip：处理好的证件图片和幕布照片、manifest.json 和可打印的填写清单</source>
        <translation>Export a zip: upload-ready documents and backdrop photo, manifest.json and a printable checklist</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>正在打开草稿数据库…</source>
        <extracomment>smallest and first-start size of the window; both shrink to the available screen area (1024×700, 1366×768 laptops)</extracomment>
        <translation>Opening the draft database…</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>正在打开草稿…</source>
        <translation>Opening the draft…</translation>
    </message>
    <message>
        <source>已复制草稿</source>
        <translation>Draft duplicated</translation>
    </message>
    <message>
        <source>草稿已删除。</source>
        <translation>Draft deleted.</translation>
    </message>
    <message>
        <source>已恢复草稿</source>
        <translation>Draft restored</translation>
    </message>
    <message>
        <source>无法导入</source>
        <extracomment>file types the import action and drag and drop accept: an exported draft and a submission package</extracomment>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>无法读取这个文件（它可能已被移动、删除，或没有读取权限）。</source>
        <translation>This file cannot be read (it may have been moved or deleted, or you may not have permission to read it).</translation>
    </message>
    <message>
        <source>这个文件不是有效的草稿导出文件。</source>
        <translation>This file is not a valid draft export.</translation>
    </message>
    <message>
        <source>已导入草稿</source>
        <translation>Draft imported</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <source>导入草稿</source>
        <translation>Import draft</translation>
    </message>
    <message>
        <source>草稿文件或提交材料包 (*.json *.zip)</source>
        <translation>Drafts or submission packages (*.json *.zip)</translation>
    </message>
    <message>
        <source>草稿文件 (*.json)</source>
        <translation>Draft files (*.json)</translation>
    </message>
    <message>
        <source>导出草稿</source>
        <translation>Export draft</translation>
    </message>
    <message>
        <source>（未命名草稿）</source>
        <translation>(untitled draft)</translation>
    </message>
    <message>
        <source>删除草稿“{name}”？删除后可以用“撤销删除”恢复。</source>
        <translation>Delete the draft “{name}”? “Undo delete” brings it back.</translation>
    </message>
</context>
<context>
    <name>PageDetails</name>
    <message>
        <source>填写主体、负责人、网站和接入信息。输入时即时检查；红色为必须修改的错误，橙色为提醒。</source>
        <translation>Enter the subject, principal, website and access data. Everything is checked as you type: red marks errors to fix, orange marks warnings.</translation>
    </message>
    <message>
        <source>主体信息</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>主体名称：</source>
        <translation>Subject name:</translation>
    </message>
    <message>
        <source>主体名称</source>
        <translation>Subject name</translation>
    </message>
    <message>
        <source>主体性质：</source>
        <translation>Subject type:</translation>
    </message>
    <message>
        <source>主体性质</source>
        <translation>Subject type</translation>
    </message>
    <message>
        <source>证件类型：</source>
        <translation>Certificate type:</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>Certificate type</translation>
    </message>
    <message>
        <source>证件号码：</source>
        <translation>Certificate number:</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>省份：</source>
        <translation>Province:</translation>
    </message>
    <message>
        <source>省份</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>城市：</source>
        <translation>City:</translation>
    </message>
    <message>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <source>区县：</source>
        <translation>District:</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>证件住所：</source>
        <translation>Registered address:</translation>
    </message>
    <message>
        <source>证件住所</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <source>通讯地址：</source>
        <translation>Mailing address:</translation>
    </message>
    <message>
        <source>通讯地址</source>
        <translation>Mailing address</translation>
    </message>
    <message>
        <source>投资人或主管单位：</source>
        <translation>Investor or supervising body:</translation>
    </message>
    <message>
        <source>投资人或主管单位</source>
        <translation>Investor or supervising body</translation>
    </message>
    <message>
        <source>主体负责人</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件有效期起：</source>
        <translation>Valid from:</translation>
    </message>
    <message>
        <source>证件有效期起</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>证件有效期止：</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>证件有效期止</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>证件长期有效</source>
        <translation>Valid long-term</translation>
    </message>
    <message>
        <source>手机号码：</source>
        <translation>Mobile:</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>13800138000</source>
        <translation>13800138000</translation>
    </message>
    <message>
        <source>应急联系电话：</source>
        <translation>Emergency phone:</translation>
    </message>
    <message>
        <source>应急联系电话</source>
        <translation>Emergency phone</translation>
    </message>
    <message>
        <source>办公电话：</source>
        <translation>Office phone:</translation>
    </message>
    <message>
        <source>办公电话</source>
        <translation>Office phone</translation>
    </message>
    <message>
        <source>010-12345678</source>
        <translation>010-12345678</translation>
    </message>
    <message>
        <source>电子邮箱：</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>电子邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>本省要求</source>
        <translation>Provincial requirements</translation>
    </message>
    <message>
        <source>网站信息</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>网站名称：</source>
        <translation>Website name:</translation>
    </message>
    <message>
        <source>网站名称</source>
        <translation>Website name</translation>
    </message>
    <message>
        <source>域名：</source>
        <translation>Domains:</translation>
    </message>
    <message>
        <source>域名</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>输入一个域名后按回车添加</source>
        <translation>Type a domain and press Enter to add it</translation>
    </message>
    <message>
        <source>首页地址：</source>
        <translation>Home page:</translation>
    </message>
    <message>
        <source>首页地址</source>
        <translation>Home page</translation>
    </message>
    <message>
        <source>www.example.com</source>
        <translation>www.example.com</translation>
    </message>
    <message>
        <source>服务内容：</source>
        <translation>Service content:</translation>
    </message>
    <message>
        <source>服务内容</source>
        <translation>Service content</translation>
    </message>
    <message>
        <source>例如：企业官网</source>
        <translation>e.g. company website</translation>
    </message>
    <message>
        <source>网站负责人与主体负责人为同一人</source>
        <translation>The website owner is the principal</translation>
    </message>
    <message>
        <source>网站负责人</source>
        <translation>Website owner</translation>
    </message>
    <message>
        <source>接入信息（审核期间联系用）</source>
        <translation>Access contact (reached during the review)</translation>
    </message>
    <message>
        <source>联系邮箱：</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>联系邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>原备案信息（用于比对，可选）</source>
        <translation>Original filing (for comparison, optional)</translation>
    </message>
    <message>
        <source>从工信部备案查询结果中抄录原备案信息。接入备案不能变更信息，不一致的字段会被标出。</source>
        <translation>Copy the original filing from MIIT&apos;s public record. An access filing cannot change data; fields that differ are flagged.</translation>
    </message>
    <message>
        <source>主体证件号码：</source>
        <translation>Subject certificate number:</translation>
    </message>
    <message>
        <source>主体证件号码</source>
        <translation>Subject certificate number</translation>
    </message>
    <message>
        <source>主体负责人：</source>
        <translation>Principal:</translation>
    </message>
    <message>
        <source>网站负责人：</source>
        <translation>Website owner:</translation>
    </message>
</context>
<context>
    <name>PageDocuments</name>
    <message>
        <source>根据已填写的信息列出需要上传的证件资料。请使用彩色原件的照片或扫描件：四角完整、无反光、清晰、方向正确。可把文件拖到对应的位置。</source>
        <translation>The documents required by the data entered so far. Use colour photos or scans of the originals: all four corners visible, no glare, sharp, the right way up. You can drop files onto each slot.</translation>
    </message>
</context>
<context>
    <name>PagePassword</name>
    <message>
        <source>验证工信部颁发的&lt;b&gt;备案密码&lt;/b&gt;。备案密码是主体首次备案成功后由工信部发放的，每个主体一个。</source>
        <translation>Verify the &lt;b&gt;filing password&lt;/b&gt; issued by MIIT. It is issued once per subject after its first successful filing.</translation>
    </message>
    <message>
        <source>备案密码</source>
        <translation>Filing password</translation>
    </message>
    <message>
        <source>备案密码(&amp;P)：</source>
        <translation>Filing &amp;password:</translation>
    </message>
    <message>
        <source>显示密码</source>
        <translation>Show password</translation>
    </message>
    <message>
        <source>显示密码(&amp;S)</source>
        <translation>&amp;Show password</translation>
    </message>
    <message>
        <source>为安全起见，备案密码只保存在本次运行的内存中，从不写入磁盘、数据库或导出文件。关闭草稿后需要重新输入。</source>
        <translation>For your safety the filing password is kept in memory for this session only; it is never written to disk, the database or an export. Enter it again after reopening the draft.</translation>
    </message>
    <message>
        <source>忘记备案密码？可通过当地省通信管理局网站或工信部备案管理系统（beian.miit.gov.cn）找回。</source>
        <translation>Forgot the filing password? Recover it on your provincial communications administration&apos;s website or MIIT&apos;s filing system (beian.miit.gov.cn).</translation>
    </message>
</context>
<context>
    <name>PagePhoto</name>
    <message>
        <source>初审通过后，需要对网站负责人进行拍照核验。方式取决于主体所在省份。</source>
        <translation>After the first review passes, the website owner&apos;s identity is verified by photo. How depends on the subject&apos;s province.</translation>
    </message>
    <message>
        <source>上海地区：使用上海市通信管理局 App 核验</source>
        <translation>Shanghai: verification with the Shanghai Communications Administration app</translation>
    </message>
    <message>
        <source>上海市通信管理局要求，上海地区所有备案用户&lt;b&gt;必须&lt;/b&gt;使用上海通信管理局 App 进行网站负责人人像核验，不使用幕布照片。&lt;ul&gt;&lt;li&gt;初审通过后，按短信或阿里云备案系统中的提示下载并打开上海通信管理局 App。&lt;/li&gt;&lt;li&gt;使用&lt;b&gt;网站负责人本人&lt;/b&gt;的手机号码登录，按提示完成人脸识别。&lt;/li&gt;&lt;li&gt;拍摄时手机需&lt;b&gt;位于上海市内&lt;/b&gt;，并允许 App 获取位置信息。&lt;/li&gt;&lt;li&gt;准备好网站负责人的身份证原件。&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>The Shanghai Communications Administration requires every Shanghai applicant to verify the website owner with its app (face check) &lt;b&gt;instead of&lt;/b&gt; a backdrop photo.&lt;ul&gt;&lt;li&gt;After the first review passes, download and open the Shanghai Communications Administration app as the SMS or the Alibaba Cloud filing system tells you.&lt;/li&gt;&lt;li&gt;Sign in with the &lt;b&gt;website owner&apos;s own&lt;/b&gt; mobile number and complete the face check.&lt;/li&gt;&lt;li&gt;The phone must be &lt;b&gt;located in Shanghai&lt;/b&gt; and allow the app to read the location.&lt;/li&gt;&lt;li&gt;Have the website owner&apos;s original ID card at hand.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>网站负责人已在上海市通信管理局 App 完成核验</source>
        <translation>The website owner has completed the check in the Shanghai Communications Administration app</translation>
    </message>
    <message>
        <source>已完成上海管局 App 核验</source>
        <translation>Shanghai bureau app check done</translation>
    </message>
    <message>
        <source>阿里云幕布</source>
        <translation>Alibaba Cloud backdrop</translation>
    </message>
    <message>
        <source>我已有幕布</source>
        <translation>I already have a backdrop</translation>
    </message>
    <message>
        <source>申请幕布：阿里云把幕布邮寄到下面的地址</source>
        <translation>Request a backdrop: Alibaba Cloud mails it to the address below</translation>
    </message>
    <message>
        <source>申请幕布</source>
        <translation>Request a backdrop</translation>
    </message>
    <message>
        <source>幕布邮寄地址（必须为中国大陆境内地址）</source>
        <translation>Mailing address for the backdrop (must be in mainland China)</translation>
    </message>
    <message>
        <source>收件人：</source>
        <translation>Recipient:</translation>
    </message>
    <message>
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>省份：</source>
        <translation>Province:</translation>
    </message>
    <message>
        <source>省份</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>详细地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>详细地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>拍照要求</source>
        <translation>How to take the photo</translation>
    </message>
    <message>
        <source>&lt;ul&gt;&lt;li&gt;被拍摄人必须是&lt;b&gt;网站负责人&lt;/b&gt;本人，站在幕布&lt;b&gt;正中间&lt;/b&gt;，拍摄&lt;b&gt;上半身&lt;/b&gt;，着当季服装。&lt;/li&gt;&lt;li&gt;背景必须&lt;b&gt;全部是阿里云蓝色幕布&lt;/b&gt;，头部不能超出幕布，幕布上的白色文字清晰可见。&lt;/li&gt;&lt;li&gt;&lt;b&gt;不要穿红色或蓝色上衣&lt;/b&gt;（蓝色会与幕布混在一起）。&lt;/li&gt;&lt;li&gt;光线均匀，脸部无明显阴影或反光；不得修图，不得使用旧照片。&lt;/li&gt;&lt;li&gt;分辨率至少 800×600 像素，JPG 或 PNG 格式。&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;ul&gt;&lt;li&gt;The person photographed must be the &lt;b&gt;website owner&lt;/b&gt; in person, standing in the &lt;b&gt;middle&lt;/b&gt; of the backdrop; &lt;b&gt;upper body&lt;/b&gt;; clothes of the current season.&lt;/li&gt;&lt;li&gt;The &lt;b&gt;whole background must be the blue Alibaba Cloud backdrop&lt;/b&gt;; the head must not rise above it; the white text on the cloth must be legible.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Do not wear a red or blue top&lt;/b&gt; (blue merges with the backdrop).&lt;/li&gt;&lt;li&gt;Even lighting, no strong shadows or glare on the face; no editing, no old photos.&lt;/li&gt;&lt;li&gt;At least 800×600 pixels, JPG or PNG.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>幕布照片</source>
        <translation>Backdrop photo</translation>
    </message>
    <message>
        <source>拖放照片到这里</source>
        <translation>Drop the photo here</translation>
    </message>
    <message>
        <source>导入照片(&amp;I)…</source>
        <translation>&amp;Import photo…</translation>
    </message>
    <message>
        <source>重新检查(&amp;R)</source>
        <translation>&amp;Re-check</translation>
    </message>
    <message>
        <source>照片规则(&amp;U)：</source>
        <translation>Photo r&amp;ules:</translation>
    </message>
    <message>
        <source>阿里云幕布：蓝底白字幕布，上衣不能是红色或蓝色；纯白/浅灰背景：其他服务商的人脸核验与证件照</source>
        <translation>Alibaba Cloud backdrop: blue cloth with white print, no red or blue top; plain white/light grey: other providers&apos; face checks and ID photos</translation>
    </message>
    <message>
        <source>照片规则</source>
        <translation>Photo rules</translation>
    </message>
</context>
<context>
    <name>PageProduct</name>
    <message>
        <source>产品类型请选择&lt;b&gt;阿里云&lt;/b&gt;，并用&lt;b&gt;备案服务号&lt;/b&gt;验证。每个网站需要一个备案服务号，一个备案服务号只能绑定一个主体。可在阿里云备案系统“备案服务号管理”中申请和查看（状态：未绑定、已绑定、已备案、已作废、审核中）。</source>
        <translation>Choose the product type &lt;b&gt;Alibaba Cloud&lt;/b&gt; and verify it with a &lt;b&gt;filing service number&lt;/b&gt;. Each website needs one; a service number can be bound to one subject only. Apply for and view them under &quot;Filing service numbers&quot; in the Alibaba Cloud filing system (statuses: unbound, bound, filed, void, in review).</translation>
    </message>
    <message>
        <source>产品验证</source>
        <translation>Product verification</translation>
    </message>
    <message>
        <source>产品类型：</source>
        <translation>Product type:</translation>
    </message>
    <message>
        <source>阿里云</source>
        <translation>Alibaba Cloud</translation>
    </message>
    <message>
        <source>备案服务号（每个网站一个）</source>
        <translation>Filing service numbers (one per website)</translation>
    </message>
    <message>
        <source>备案服务号由字母和数字组成，可在购买的云产品的“备案服务号”页面查看。</source>
        <translation>A service number consists of letters and digits; find it on the &quot;filing service number&quot; page of the cloud product you bought.</translation>
    </message>
</context>
<context>
    <name>PageReview</name>
    <message>
        <source>管局审核时间</source>
        <translation>Bureau review time</translation>
    </message>
    <message>
        <source>管局审核结果会通过短信和邮件通知。审核通过后，可将域名解析到阿里云服务器。</source>
        <translation>The bureau&apos;s result arrives by SMS and email. Once approved, point the domain&apos;s DNS to the Alibaba Cloud servers.</translation>
    </message>
</context>
<context>
    <name>PageStart</name>
    <message>
        <source>填写要接入阿里云的域名和原备案信息，回答下面的问题，即可判断备案类型。接入备案只是增加一个服务商，填写的信息必须与原备案完全一致。</source>
        <translation>Enter the domain to move to Alibaba Cloud and its existing filing, then answer the questions to find the filing type. An access filing only adds a provider: the data must equal the original filing exactly.</translation>
    </message>
    <message>
        <source>域名与原备案号</source>
        <translation>Domains and existing ICP numbers</translation>
    </message>
    <message>
        <source>域名(&amp;D)：</source>
        <translation>&amp;Domain(s):</translation>
    </message>
    <message>
        <source>域名</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>网站备案号：</source>
        <translation>Website ICP number:</translation>
    </message>
    <message>
        <source>网站备案号</source>
        <translation>Website ICP number</translation>
    </message>
    <message>
        <source>京ICP备12345678号-1</source>
        <translation>京ICP备12345678号-1</translation>
    </message>
    <message>
        <source>主体备案号：</source>
        <translation>Subject ICP number:</translation>
    </message>
    <message>
        <source>主体备案号</source>
        <translation>Subject ICP number</translation>
    </message>
    <message>
        <source>京ICP备12345678号</source>
        <translation>京ICP备12345678号</translation>
    </message>
    <message>
        <source>主体基本信息</source>
        <translation>Subject basics</translation>
    </message>
    <message>
        <source>主体名称(&amp;M)：</source>
        <translation>Subject na&amp;me:</translation>
    </message>
    <message>
        <source>主体名称</source>
        <translation>Subject name</translation>
    </message>
    <message>
        <source>与证件上的名称一致</source>
        <translation>As written on the certificate</translation>
    </message>
    <message>
        <source>主体性质：</source>
        <translation>Subject type:</translation>
    </message>
    <message>
        <source>主体性质</source>
        <translation>Subject type</translation>
    </message>
    <message>
        <source>证件类型：</source>
        <translation>Certificate type:</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>Certificate type</translation>
    </message>
    <message>
        <source>证件号码：</source>
        <translation>Certificate number:</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>所在省份：</source>
        <translation>Province:</translation>
    </message>
    <message>
        <source>所在省份</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>备案类型问题</source>
        <translation>Filing-type questions</translation>
    </message>
    <message>
        <source>输入一个域名后按回车添加</source>
        <translation>Type a domain and press Enter to add it</translation>
    </message>
    <message>
        <source>该域名是否已在其他服务商备案成功？</source>
        <translation>Is the domain already filed with another provider?</translation>
    </message>
    <message>
        <source>该主体是否已在阿里云有成功的备案？</source>
        <translation>Has the subject a successful filing at Alibaba Cloud?</translation>
    </message>
    <message>
        <source>该主体是否有其他进行中的备案订单？</source>
        <translation>Is another order of the subject in progress?</translation>
    </message>
    <message>
        <source>是否使用原备案时的阿里云账号登录？</source>
        <translation>Signed in with the Alibaba Cloud account of the earlier filing?</translation>
    </message>
    <message>
        <source>是否为原万网代备案管理平台用户？</source>
        <translation>Were you a user of the former Wanwang agent-filing platform?</translation>
    </message>
    <message>
        <source>备案类型判断</source>
        <translation>Filing type</translation>
    </message>
    <message>
        <source>继续接入备案必须使用原备案时的同一个阿里云账号登录，填写的主体信息必须与已备案的信息完全一致。</source>
        <translation>A continue access filing must be made from the same Alibaba Cloud account as the earlier filing, and the subject data must be identical to the filed data.</translation>
    </message>
</context>
<context>
    <name>PageSubmit</name>
    <message>
        <source>待处理问题</source>
        <translation>Problems to fix</translation>
    </message>
    <message>
        <source>提交材料包</source>
        <translation>Submission package</translation>
    </message>
    <message>
        <source>导出一个 zip：按类型和人员命名、已按上传要求处理的证件图片和幕布照片，manifest.json，以及可打印的填写清单。</source>
        <translation>Export a zip with the documents and the backdrop photo, named by type and person and prepared to the upload limits, a manifest.json and a printable checklist.</translation>
    </message>
    <message>
        <source>导出提交材料包(&amp;X)…</source>
        <translation>E&amp;xport submission package…</translation>
    </message>
    <message>
        <source>导出提交材料包</source>
        <translation>Export submission package</translation>
    </message>
    <message>
        <source>导出进度</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <source>提交记录</source>
        <translation>Submission</translation>
    </message>
    <message>
        <source>提交阿里云（北京时间）：</source>
        <translation>Submitted to Alibaba Cloud (Beijing time):</translation>
    </message>
    <message>
        <source>记录已提交阿里云</source>
        <translation>Record: submitted to Alibaba Cloud</translation>
    </message>
    <message>
        <source>提交管局（北京时间）：</source>
        <translation>Sent to the bureau (Beijing time):</translation>
    </message>
    <message>
        <source>提交阿里云时间</source>
        <translation>Submitted to Alibaba Cloud</translation>
    </message>
    <message>
        <source>双击一项或选中后按回车，可跳到对应的字段。提醒不会阻止提交，错误需要在提交前修改。</source>
        <translation>Double-click an entry, or select it and press Enter, to go to its field. Warnings do not block the submission; errors must be fixed before submitting.</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>YYYY-MM-DD HH:MM</translation>
    </message>
    <message>
        <source>提交管局时间</source>
        <translation>Submitted to the bureau</translation>
    </message>
    <message>
        <source>记录已提交管局</source>
        <translation>Record: sent to the bureau</translation>
    </message>
    <message>
        <source>短信核验</source>
        <translation>SMS verification</translation>
    </message>
</context>
<context>
    <name>PasswordPage</name>
    <message>
        <source>备案密码</source>
        <translation>Filing password</translation>
    </message>
    <message>
        <source>已输入（{chars}），仅保存在内存中。</source>
        <translation>Entered ({chars}), kept in memory only.</translation>
    </message>
    <message>
        <source>尚未输入。</source>
        <translation>Not entered yet.</translation>
    </message>
</context>
<context>
    <name>PhotoPage</name>
    <message>
        <source>{province}的用户也可以在阿里云 App 中上传证件资料并完成网站负责人拍照核验。</source>
        <translation>Applicants in {province} may also upload the documents and do the website owner&apos;s photo verification in the Alibaba Cloud app.</translation>
    </message>
    <message>
        <source>幕布照片</source>
        <translation>Backdrop photo</translation>
    </message>
    <message>
        <source>拍照核验</source>
        <translation>Photo verification</translation>
    </message>
    <message>
        <source>已记录：{time}完成核验。</source>
        <translation>Recorded as done on {time}.</translation>
    </message>
    <message>
        <source>完成 App 核验后勾选，进度和填写清单会显示已完成。</source>
        <translation>Tick this once the app check is done; the steps and the checklist then show it as done.</translation>
    </message>
    <message>
        <source>不需要邮寄：直接用已有的阿里云幕布拍照，并在下面检查照片。</source>
        <translation>Nothing to mail: take the photo in front of your Alibaba Cloud backdrop and check it below.</translation>
    </message>
    <message>
        <source>在阿里云备案系统中点击“填写邮寄地址”，填写与下面相同的地址（仅限中国大陆）。</source>
        <translation>In the Alibaba Cloud filing system click “填写邮寄地址” (enter mailing address) and enter the same address as below (mainland China only).</translation>
    </message>
    <message>
        <source>请选择：已有阿里云幕布，或申请阿里云邮寄一块。</source>
        <translation>Choose: you already have an Alibaba Cloud backdrop, or ask Alibaba Cloud to mail one.</translation>
    </message>
    <message>
        <source>选择幕布照片</source>
        <translation>Choose the backdrop photo</translation>
    </message>
    <message>
        <source>拖放照片到这里</source>
        <translation>Drop the photo here</translation>
    </message>
    <message>
        <source>正在检查照片…</source>
        <translation>Checking the photo…</translation>
    </message>
    <message>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>尚未导入照片</source>
        <translation>No photo yet</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>查看图片</source>
        <translation>Picture</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>适合窗口</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <source>原始大小</source>
        <translation>Actual size</translation>
    </message>
</context>
<context>
    <name>ProductPage</name>
    <message>
        <source>产品验证：备案服务号</source>
        <translation>Product verification: service number</translation>
    </message>
    <message>
        <source>网站 {n}（{name}）的备案服务号：</source>
        <translation>Service number of website {n} ({name}):</translation>
    </message>
    <message>
        <source>网站 {n} 的备案服务号</source>
        <translation>Service number of website {n}</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>注意</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>不通过</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>检查器不可用 / checker not available：未检查，不代表通过</source>
        <translation>Checker not available: not checked, which is not a pass</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png *.bmp *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>审核跟踪</source>
        <translation>Review tracking</translation>
    </message>
    <message>
        <source>管局审核一般需要 {low}-{high} 个工作日（阿里云初审约 {first} 个工作日）。记录“已提交管局”后显示预计日期；若今天提交，预计在 {d1} 至 {d2} 之间出结果。</source>
        <translation>The bureau review usually takes {low}-{high} working days (Alibaba Cloud&apos;s first review about {first}). Record “sent to the bureau” to see the expected dates; if sent today, the result is expected between {d1} and {d2}.</translation>
    </message>
    <message>
        <source>已于 {start} 提交管局。管局审核一般需要 {low}-{high} 个工作日（阿里云初审约 {first} 个工作日），预计在 {d1} 至 {d2} 之间出结果。</source>
        <translation>Submitted to the bureau on {start}. The bureau review usually takes {low}-{high} working days (Alibaba Cloud&apos;s first review about {first}); expect the result between {d1} and {d2}.</translation>
    </message>
    <message>
        <source>按中国法定节假日和调休计算工作日。规则来源：{source}（{date} 起）。</source>
        <translation>Working days follow China&apos;s statutory holidays and adjusted working days. Rule source: {source} (since {date}).</translation>
    </message>
    <message>
        <source>注意：日期超出节假日数据范围，按周一至周五估算。</source>
        <translation>Note: the dates are past the holiday calendar&apos;s data and are estimated with Monday-Friday only.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>开始：域名与备案类型</source>
        <translation>Start: domain and filing type</translation>
    </message>
    <message>
        <source>新增接入备案</source>
        <translation>New access filing</translation>
    </message>
    <message>
        <source>继续接入备案</source>
        <translation>Continue access filing</translation>
    </message>
    <message>
        <source>不是接入备案</source>
        <translation>Not an access filing</translation>
    </message>
    <message>
        <source>暂时无法办理</source>
        <translation>Blocked for now</translation>
    </message>
    <message>
        <source>尚未确定</source>
        <translation>Not decided yet</translation>
    </message>
</context>
<context>
    <name>Station</name>
    <message>
        <source>人脸</source>
        <translation>Face</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>幕布</source>
        <translation>Backdrop</translation>
    </message>
    <message>
        <source>上衣</source>
        <translation>Top</translation>
    </message>
    <message>
        <source>光线</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>清晰</source>
        <translation>Sharpness</translation>
    </message>
    <message>
        <source>分辨率</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>摄像头已恢复</source>
        <translation>The camera is back</translation>
    </message>
    <message>
        <source>视频已播放完毕</source>
        <translation>The video has ended</translation>
    </message>
    <message>
        <source>正在拍照并检查照片……</source>
        <translation>Taking the photo and checking it…</translation>
    </message>
    <message>
        <source>照片未通过检查：</source>
        <translation>The photo did not pass: </translation>
    </message>
    <message>
        <source>拍照完成，照片合格</source>
        <translation>Photo taken, and it passes</translation>
    </message>
    <message>
        <source>照片无法保存到草稿：</source>
        <translation>The photo could not be saved to the draft: </translation>
    </message>
    <message>
        <source>，已保存到草稿</source>
        <translation>, saved to the draft</translation>
    </message>
    <message>
        <source>拍照工位 · 备案接入助手</source>
        <translation>Capture station · Beian Desktop</translation>
    </message>
    <message>
        <source>幕布拍照</source>
        <translation>Backdrop photo</translation>
    </message>
    <message>
        <source>草稿 {id}</source>
        <translation>Draft {id}</translation>
    </message>
    <message>
        <source>未选择草稿：照片保存在拍照文件夹</source>
        <translation>No draft chosen: photos go to the capture folder</translation>
    </message>
    <message>
        <source>工作人员设置</source>
        <translation>Operator settings</translation>
    </message>
    <message>
        <source>请输入工作人员 PIN：</source>
        <translation>Operator PIN:</translation>
    </message>
    <message>
        <source>PIN 不正确</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <source>连续合格帧数（自动拍照）</source>
        <translation>Passing frames in a row (auto-capture)</translation>
    </message>
    <message>
        <source>倒计时（秒）</source>
        <translation>Countdown (seconds)</translation>
    </message>
    <message>
        <source>有提醒（黄色）时也拍照</source>
        <translation>Also capture when a check only warns (yellow)</translation>
    </message>
    <message>
        <source>镜像显示（照片本身不镜像）</source>
        <translation>Mirror view (the photo itself is never mirrored)</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>系统默认摄像头</source>
        <translation>System default camera</translation>
    </message>
    <message>
        <source>摄像头（重启后生效）</source>
        <translation>Camera (after a restart)</translation>
    </message>
    <message>
        <source>分辨率（重启后生效）</source>
        <translation>Resolution (after a restart)</translation>
    </message>
    <message>
        <source>留空则不修改</source>
        <translation>leave empty to keep the PIN</translation>
    </message>
    <message>
        <source>新的 PIN</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>仍在使用默认 PIN 0000，请修改。</source>
        <translation>The default PIN 0000 is still in use: change it.</translation>
    </message>
    <message>
        <source>（不保存到草稿，只保存到拍照文件夹）</source>
        <translation>(no draft: keep the photo in the capture folder)</translation>
    </message>
    <message>
        <source>等待拍照的草稿：</source>
        <translation>Drafts waiting for a photo:</translation>
    </message>
    <message>
        <source>退出拍照工位</source>
        <translation>Quit the station</translation>
    </message>
</context>
<context>
    <name>SubmitPage</name>
    <message>
        <source>提交与短信核验</source>
        <extracomment>Alibaba Cloud&apos;s ICP filing console, where the applicant enters the data and submits the two submission times: (time edit, record button, timeline status). They are recorded on the timeline of the review page (``domain.progress.advance``), the one record of the filing&apos;s progress; these rows only show and add to it. the user asked for the submission package (the main window runs the export)</extracomment>
        <translation>Submission and SMS check</translation>
    </message>
    <message>
        <source>在阿里云备案控制台填写并提交：</source>
        <translation>Enter and submit the data in Alibaba Cloud&apos;s filing console: </translation>
    </message>
    <message>
        <source>（各页输入框右端的按钮可复制内容）</source>
        <translation> (the button at the right end of each input copies its value)</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>检查器不可用 / checker not available：无法判断是否可以提交。</source>
        <translation>Checker not available: cannot tell whether the application is ready.</translation>
    </message>
    <message>
        <source>还不能提交：有 {errors}需要修改（另有 {warnings}）。</source>
        <translation>Not ready: {errors} to fix ({warnings} as well).</translation>
    </message>
    <message>
        <source>可以提交（{warnings}不影响提交）。</source>
        <translation>Ready to submit ({warnings}, not blocking).</translation>
    </message>
    <message>
        <source>这两个时间记录在“审核跟踪”的进度记录里；留空表示现在。</source>
        <translation>Both times are recorded in the history under “Review tracking”; leave the time empty for now.</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM，留空表示现在</source>
        <translation>YYYY-MM-DD HH:MM, empty for now</translation>
    </message>
    <message>
        <source>所有省份</source>
        <translation>all provinces</translation>
    </message>
    <message>
        <source>短信核验规则（{date} 起施行）：适用于{scope}；提交管局后须在 {hours} 小时内完成。</source>
        <translation>SMS verification rule (in force since {date}): applies to {scope}; complete it within {hours} hours of the submission to the bureau.</translation>
    </message>
    <message>
        <source>12381 发送的 {digits} 位验证码 {valid} 小时内有效。</source>
        <translation> The {digits}-digit code sent by 12381 is valid for {valid} hours.</translation>
    </message>
    <message>
        <source>来源：</source>
        <translation>Source: </translation>
    </message>
    <message>
        <source>本省在该规则下不需要短信核验。</source>
        <translation>This province needs no SMS verification under this rule.</translation>
    </message>
    <message>
        <source>记录“已提交管局”后，这里会显示短信核验的截止时间和倒计时。</source>
        <translation>Once “sent to the bureau” is recorded, the SMS verification deadline and a countdown appear here.</translation>
    </message>
    <message>
        <source>请在 {deadline} 前完成短信核验，否则申请会被退回。</source>
        <translation>Complete the SMS verification before {deadline}, or the application is returned.</translation>
    </message>
    <message>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>剩余 {time}</source>
        <translation>{time} left</translation>
    </message>
</context>
<context>
    <name>Wizard</name>
    <message>
        <source>步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>上一步(&amp;B)</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>下一步(&amp;N)</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <source>已自动保存</source>
        <extracomment>widest a page&apos;s content gets (1920×1080: fields no longer stretch across the whole screen) the user asked for the submission package of the open draft (submit page button) the filing status changed on the timeline (the draft list shows it)</extracomment>
        <translation>Saved automatically</translation>
    </message>
    <message>
        <source>无法继续：</source>
        <translation>Cannot go on: </translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>done</translation>
    </message>
    <message>
        <source>有错误</source>
        <translation>has errors</translation>
    </message>
    <message>
        <source>未开始</source>
        <translation>not started</translation>
    </message>
    <message>
        <source>（{n} 个）</source>
        <translation> ({n})</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>保存失败，稍后自动重试</source>
        <translation>Saving failed; retrying shortly</translation>
    </message>
</context>
</TS>
