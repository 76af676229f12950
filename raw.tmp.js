const fs=require("fs"); const I=require("./dist/index"); const F=require("./dist/emit/hcl-format");
const orig=F.formatHcl; const caps=[]; F.formatHcl=(t)=>{caps.push(t); return orig(t);};
I.generate(fs.readFileSync(process.argv[2],"utf8"),"s.yaml","hcl",{exists:fs.existsSync});
const t=caps.find(c=>c.includes("depends_on"))||caps[1]; const i=t.indexOf("depends_on"); console.log(JSON.stringify(t.slice(Math.max(0,i-1500), i+200)));
