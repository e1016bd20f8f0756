alert("replaced");
